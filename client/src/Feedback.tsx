import { useState } from 'preact/hooks';
import { sendFeedback } from './conversations.js';
import { ThumbDown, ThumbUp } from './icons.js';
import type { Message } from './model.js';

/** What a thumbs-down correction says when the documents hold no answer (the export makes it an unanswerable item). */
export const NOT_IN_DOCUMENTS = 'Not in the documents';

interface Props {
  message: Message & { turnId: string };
  onSaved(feedback: NonNullable<Message['feedback']>): void;
}

/** Thumbs up or down on a stored answer; down opens a box for the right answer (optional). */
export function Feedback({ message, onSaved }: Props) {
  const [open, setOpen] = useState(false);
  const [correction, setCorrection] = useState(message.feedback?.correction ?? '');
  const [state, setState] = useState<{ saving?: boolean; said?: string; error?: string }>({});
  const rating = message.feedback?.rating;

  const save = async (choice: 'up' | 'down', text?: string) => {
    setState({ saving: true });
    const result = await sendFeedback({
      turnId: message.turnId,
      rating: choice,
      ...(text?.trim() ? { correction: text.trim() } : {}),
    });
    if (!result.ok) return setState({ error: result.message });
    onSaved({ rating: choice, ...(result.data.correction ? { correction: result.data.correction } : {}) });
    setOpen(false);
    setState({ said: 'Thanks: your feedback was saved.' });
  };

  return (
    <div class="feedback">
      <button
        type="button"
        class="icon-button"
        aria-label="Good answer"
        aria-pressed={rating === 'up'}
        disabled={state.saving}
        onClick={() => void save('up')}
      >
        <ThumbUp />
      </button>
      <button
        type="button"
        class="icon-button"
        aria-label="Bad answer"
        aria-pressed={rating === 'down'}
        aria-expanded={open}
        disabled={state.saving}
        onClick={() => setOpen(!open)}
      >
        <ThumbDown />
      </button>
      {state.said && !open && (
        <span class="feedback-said" role="status">
          {state.said}
        </span>
      )}
      {state.error && (
        <span class="feedback-error" role="alert">
          {state.error}
        </span>
      )}
      {open && (
        <form
          class="correction"
          aria-label="What was wrong"
          onSubmit={(e) => {
            e.preventDefault();
            void save('down', correction);
          }}
        >
          <label for={`correction-${message.id}`}>The right answer (optional)</label>
          <textarea
            id={`correction-${message.id}`}
            rows={2}
            maxLength={20_000}
            value={correction}
            onInput={(e) => setCorrection(e.currentTarget.value)}
          />
          <div class="correction-actions">
            <button type="submit" class="button small primary" disabled={state.saving}>
              Send feedback
            </button>
            <button
              type="button"
              class="button small"
              disabled={state.saving}
              onClick={() => void save('down', NOT_IN_DOCUMENTS)}
            >
              {NOT_IN_DOCUMENTS}
            </button>
            <button type="button" class="link-button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
