import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../core/protocol.js';

interface Props {
  question: string;
  /** Editing is offered once the answer has ended. */
  editable: boolean;
  /** Ask the edited question in place; false when it could not be sent. */
  onEdit(question: string): boolean;
}

/** The user's question; "Edit" turns it into a box to change it and ask again. */
export function QuestionBubble({ question, editable, onEdit }: Props) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(question);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) box.current?.focus();
  }, [editing]);

  if (!editing)
    return (
      <div class="question-row">
        {editable && (
          <button
            type="button"
            class="icon-button edit-question"
            aria-label="Edit question"
            title="Edit and ask again"
            onClick={() => {
              setText(question);
              setEditing(true);
            }}
          >
            ✎
          </button>
        )}
        <div class="bubble user">
          <p class="question">{question}</p>
        </div>
      </div>
    );
  const trimmed = text.trim();
  const submit = () => {
    if (trimmed && onEdit(trimmed)) setEditing(false);
  };
  return (
    <form
      class="bubble user editing"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label class="visually-hidden" for="edit-question">
        Edited question
      </label>
      <textarea
        id="edit-question"
        ref={box}
        rows={2}
        value={text}
        maxLength={LIMITS.questionChars}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setEditing(false);
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div class="edit-actions">
        <button type="submit" class="button small primary" disabled={!trimmed}>
          Ask again
        </button>
        <button type="button" class="button small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
