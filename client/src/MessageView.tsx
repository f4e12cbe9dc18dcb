import { useState } from 'preact/hooks';
import { AnswerText } from './Answer.js';
import { copyText } from './clipboard.js';
import { describeError } from './conversation.js';
import { AnswerQuote, CitationChips, OtherPassages, type Titles } from './Evidence.js';
import { Feedback } from './Feedback.js';
import { QuestionBubble } from './QuestionBubble.js';
import { isPending, type Message } from './model.js';
import type { SourceTarget } from './target.js';
import { plainText } from './markdown.js';

interface Props {
  message: Message;
  titles: Titles;
  /** The newest turn: only it offers Regenerate. */
  last: boolean;
  onOpen(target: SourceTarget, from: HTMLElement): void;
  onRetry(id: string): void;
  onStop(id: string): void;
  onRegenerate(id: string): void;
  onEdit(id: string, question: string): boolean;
  onFeedback(id: string, feedback: Message['feedback']): void;
}

/** One turn: the question as the user's bubble, the answer with its evidence as the assistant's. */
export function MessageView({
  message,
  titles,
  last,
  onOpen,
  onRetry,
  onStop,
  onRegenerate,
  onEdit,
  onFeedback,
}: Props) {
  const pending = isPending(message);
  const abstained = message.status === 'done' && message.abstained;
  const { turnId } = message;
  return (
    <li class="turn" data-id={message.id}>
      <QuestionBubble question={message.question} editable={!pending} onEdit={(q) => onEdit(message.id, q)} />
      <article
        class={`bubble assistant status-${message.status}${abstained ? ' abstained' : ''}`}
        aria-busy={pending}
        aria-label={`Answer to: ${message.question}`}
      >
        {abstained && !message.closest && (
          <p class="abstain-label">
            <span aria-hidden="true">∅ </span>Not found in the documents
          </p>
        )}
        {abstained && message.closest && (
          <p class="abstain-label closest-label">
            <span aria-hidden="true">≈ </span>No direct answer: the closest passage
          </p>
        )}
        {message.fallback && (
          <p class="badge fallback">Fallback answer: the language model failed; this is the extractive answer</p>
        )}
        {message.status === 'waiting' && <p class="thinking">Searching the documents…</p>}
        {pending && (
          // The composer's Stop stops the newest question; with several streaming, each has its own.
          <button type="button" class="link-button stop-one" onClick={() => onStop(message.id)}>
            Stop this answer
          </button>
        )}
        {message.answer && <AnswerText text={message.answer} unsupported={message.unsupported} />}
        {message.unsupported && message.unsupported.length > 0 && (
          <div class="unsupported-note" role="note">
            <strong>⚠ Not supported by the cited passages:</strong>
            <ul>
              {message.unsupported.map((s, i) => (
                <li key={i}>{plainText(s)}</li>
              ))}
            </ul>
          </div>
        )}
        {message.status === 'done' && !abstained && (
          <AnswerQuote answer={message.answer} citation={message.citations[0]} />
        )}
        <Ending message={message} onRetry={onRetry} />
        <CitationChips citations={message.citations} titles={titles} onOpen={onOpen} />
        <OtherPassages passages={message.passages} citations={message.citations} onOpen={onOpen} />
        {message.status === 'done' && (
          <div class="actions">
            <CopyButton text={message.answer} />
            {turnId && last && (
              <button type="button" class="button small" onClick={() => onRegenerate(message.id)}>
                Regenerate
              </button>
            )}
            {turnId && (
              <Feedback message={{ ...message, turnId }} onSaved={(feedback) => onFeedback(message.id, feedback)} />
            )}
          </div>
        )}
      </article>
    </li>
  );
}

/** How an answer ended early, with a way to ask again. */
function Ending({ message, onRetry }: { message: Message; onRetry(id: string): void }) {
  const why =
    message.status === 'stopped'
      ? 'Stopped.'
      : message.status === 'interrupted'
        ? 'The page was reloaded before this answer finished.'
        : message.status === 'error' && message.error
          ? describeError(message.error)
          : undefined;
  if (!why) return null;
  return (
    <div
      class={`ending ${message.status === 'error' ? 'error' : ''}`}
      role={message.status === 'error' ? 'alert' : undefined}
    >
      <span>{why}</span>
      <button type="button" class="link-button" onClick={() => onRetry(message.id)}>
        Ask again
      </button>
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      class="button small"
      onClick={() =>
        void copyText(text).then((ok) => {
          setState(ok ? 'copied' : 'failed');
          setTimeout(() => setState('idle'), 2000);
        })
      }
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy answer'}
    </button>
  );
}
