import { useEffect, useState } from 'preact/hooks';
import { fetchSuggestions } from './conversations.js';

/** Three questions to start from, drawn by the server from the documents' most central passages. */
export function Suggestions({
  enabled,
  refreshKey,
  onAsk,
}: {
  enabled: boolean;
  refreshKey: unknown;
  onAsk(q: string): void;
}) {
  const [questions, setQuestions] = useState<string[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void fetchSuggestions().then((r) => live && setQuestions(r.ok ? r.data.questions : []));
    return () => {
      live = false;
    };
  }, [enabled, refreshKey]);
  if (questions.length === 0) return null;
  return (
    <div class="suggestions">
      <h3 class="visually-hidden">Suggested questions</h3>
      <ul aria-label="Suggested questions">
        {questions.map((q) => (
          <li key={q}>
            <button type="button" class="suggestion" onClick={() => onAsk(q)}>
              {q}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
