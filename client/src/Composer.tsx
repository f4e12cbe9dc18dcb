import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../core/protocol.js';

interface Props {
  connected: boolean;
  /** The id of the question being answered, if any: the composer then offers Stop. */
  pendingId: string | undefined;
  onAsk(question: string): boolean;
  onStop(id: string): void;
}

/** The message box: Enter sends, Shift+Enter starts a new line; grows with its text. */
export function Composer({ connected, pendingId, onAsk, onStop }: Props) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const question = text.trim();
  const canSend = connected && question.length > 0 && question.length <= LIMITS.questionChars;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  const submit = () => {
    if (!canSend) return;
    if (onAsk(question)) setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for="question" class="visually-hidden">
        Your question
      </label>
      <textarea
        id="question"
        ref={box}
        rows={1}
        value={text}
        maxLength={LIMITS.questionChars}
        placeholder={connected ? 'Ask a question about the documents…' : 'Waiting for the connection…'}
        aria-describedby="composer-hint"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {pendingId ? (
        <button
          type="button"
          class="button stop"
          onClick={(e) => {
            // Stop takes Send's place the moment a question goes out: the second click of a
            // double-click on Send lands here and must not cancel the question it just sent.
            if (e.detail > 1) return;
            onStop(pendingId);
          }}
        >
          Stop
        </button>
      ) : (
        <button type="submit" class="button primary" disabled={!canSend}>
          Send
        </button>
      )}
      <p id="composer-hint" class="hint">
        {connected
          ? 'Enter to send · Shift+Enter for a new line'
          : 'Not connected: you can write, and send once the connection is back'}
        {text.length >= LIMITS.questionChars
          ? ` · ${text.length}/${LIMITS.questionChars}: the limit (longer text is cut)`
          : text.length > LIMITS.questionChars * 0.9 && ` · ${text.length}/${LIMITS.questionChars}`}
      </p>
    </form>
  );
}
