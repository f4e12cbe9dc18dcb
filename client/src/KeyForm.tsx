import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  /** The key last sent was refused by the server. */
  refused: boolean;
  onSubmit(key: string): void;
}

/** The prompt shown when the server wants an API key: one labelled password field and a submit button. */
export function KeyForm({ refused, onSubmit }: Props) {
  const [key, setKey] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const trimmed = key.trim();
  useEffect(() => input.current?.focus(), []);

  return (
    <form
      class="key-form"
      aria-labelledby="key-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed) onSubmit(trimmed);
      }}
    >
      <h2 id="key-title">API key required</h2>
      <p id="key-help" class="muted">
        This server only answers with its API key. The key is kept in this browser until you choose “Forget key”.
      </p>
      {refused && (
        <p class="error" role="alert">
          That key was refused.
        </p>
      )}
      <label for="api-key">API key</label>
      <div class="key-row">
        <input
          id="api-key"
          ref={input}
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
          value={key}
          aria-describedby="key-help"
          aria-invalid={refused}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <button type="submit" class="button primary" disabled={!trimmed}>
          Use key
        </button>
      </div>
    </form>
  );
}
