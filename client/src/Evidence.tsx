import type { Citation, Passage } from './model.js';
import { fileName, lineRange } from './lines.js';
import { answerInQuote } from './quote.js';
import { shortenMiddle } from './shorten.js';
import { citationTarget, passageTarget, uncitedPassages, type SourceTarget } from './target.js';

type Open = (target: SourceTarget, from: HTMLElement) => void;

function where(span: {
  startLine: number;
  endLine: number;
  page?: number | undefined;
  section?: string | undefined;
}): string {
  const parts = [lineRange(span.startLine, span.endLine)];
  if (span.page) parts.push(`p. ${span.page}`);
  if (span.section) parts.push(`§ ${span.section}`);
  return parts.join(' · ');
}

/** Documents' titles by source (their first heading or first line), from GET /api/titles. */
export type Titles = Readonly<Record<string, string>>;

/** How long a chip's title and file name may be; both are cut in the middle, keeping their ends. */
const CHIP_TITLE = 30;
const CHIP_FILE = 22;

/**
 * Numbered chips, one per citation: the document's title, with its file name and lines beside it;
 * each opens the cited lines in the source panel.
 */
export function CitationChips({
  citations,
  titles = {},
  onOpen,
}: {
  citations: readonly Citation[];
  titles?: Titles;
  onOpen: Open;
}) {
  if (citations.length === 0) return null;
  return (
    <ol class="citations" aria-label="Citations">
      {citations.map((c, i) => {
        const title = titles[c.source];
        const file = fileName(c.source);
        return (
          <li key={`${c.source}:${c.startLine}:${i}`}>
            <button
              type="button"
              class="chip"
              title={`${title ? `${title}\n` : ''}${c.source}, ${where(c)}\n“${c.quote}”`}
              aria-label={`Citation ${i + 1}: ${title ? `${title}, ` : ''}${file}, ${where(c)}. Open source.`}
              onClick={(e) => onOpen(citationTarget(c, i + 1), e.currentTarget)}
            >
              <span class="chip-number">{i + 1}</span>
              {title && <span class="chip-title">{shortenMiddle(title, CHIP_TITLE)}</span>}
              <span class="chip-file">{shortenMiddle(file, CHIP_FILE)}</span>
              <span class="chip-where">{where(c)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** A short answer shown in the sentence it was taken from (its first citation's quote), itself marked. */
export function AnswerQuote({ answer, citation }: { answer: string; citation: Citation | undefined }) {
  const found = answerInQuote(answer, citation?.quote);
  if (!found) return null;
  return (
    <blockquote class="answer-quote" aria-label="Where the answer stands in citation 1">
      “{found.before}
      <mark>{found.answer}</mark>
      {found.after}”<sup class="quote-ref">1</sup>
    </blockquote>
  );
}

/** The passages retrieved but not cited, folded away until asked for. */
export function OtherPassages({
  passages,
  citations,
  onOpen,
}: {
  passages: readonly Passage[];
  citations: readonly Citation[];
  onOpen: Open;
}) {
  const others = uncitedPassages(passages, citations);
  if (others.length === 0) return null;
  return (
    <details
      class="passages"
      // Opened under the last answer, the list would unfold below the fold: bring it into view.
      onToggle={(e) => e.currentTarget.open && e.currentTarget.scrollIntoView({ block: 'nearest', behavior: 'smooth' })}
    >
      <summary>
        {others.length} more {others.length === 1 ? 'passage' : 'passages'} retrieved but not cited
      </summary>
      <ul>
        {others.map((p) => (
          <li key={`${p.source}:${p.startLine}`} class="passage">
            <button
              type="button"
              class="link-button passage-where"
              onClick={(e) => onOpen(passageTarget(p), e.currentTarget)}
            >
              {fileName(p.source)} · {where(p)}
            </button>
            <p class="passage-text">{p.text}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}
