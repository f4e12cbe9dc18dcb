/** A passage read into sentences with their terms (code lines, headings and records told apart), and a table row's heading terms. */
import { memoByText } from '../text/memo.js';
import { sentences } from '../text/sentences.js';
import { terms } from '../text/tokenize.js';
import { fencedLines, type FencedLine } from '../text/fences.js';
import { isHeading } from '../text/headings.js';
import { recordFields } from '../text/records.js';
import { linesOf, rowHeading } from '../text/tables.js';
import type { Chunk } from '../types.js';

interface AnalysedSentence {
  text: string;
  start: number;
  end: number;
  own: Set<string>;
  window: Set<string>;
  code?: boolean;
  heading?: boolean;
}

/** A version number ("2.4.0") or an ISO date ("2025-05-06"). */
const DATED_HEADING = /\b\d+\.\d+\.\d+\b|\b\d{4}-\d{2}-\d{2}\b/;

/** Whether the sentence is all its line holds. */
function wholeLine(text: string, s: { start: number; end: number }): boolean {
  return (
    /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, s.start - 200), s.start)) &&
    /^[ \t]*(?:\r?\n|$)/.test(text.slice(s.end, s.end + 200))
  );
}

type LineKind = FencedLine | 'heading' | 'record';

/** What each line of a text is other than prose, by the line's start offset: a code fence, a line of code, a heading, a record. */
function lineKinds(text: string): Map<number, LineKind> {
  const kinds = new Map<number, LineKind>(fencedLines(text));
  const lines = linesOf(text);
  const texts = lines.map((l) => l.text);
  lines.forEach((l, i) => {
    if (kinds.has(l.start)) return;
    if (isHeading(texts, i)) kinds.set(l.start, 'heading');
    else if (recordFields(l.text).length > 0) kinds.set(l.start, 'record');
  });
  return kinds;
}

/**
 * A passage's terms, whole and per sentence (each sentence also with the one before it: pronouns
 * point back). Related questions keep meeting the same passages, so each is analysed once.
 */
export const analysed = memoByText((text) => {
  const kinds = lineKinds(text);
  let previous = new Set<string>();
  let prose = previous;
  const parts: AnalysedSentence[] = [];
  let previousLine = -1;
  for (const s of sentences(text)) {
    const line = text.lastIndexOf('\n', s.start - 1) + 1;
    const kind = kinds.get(line);
    // A fence line ("```sh") is markup: no evidence, and no sentence for the next one to lean on.
    if (kind === 'fence') continue;
    const own = new Set(terms(s.text));
    const last = parts.at(-1);
    if (kind === 'code' && last?.code && !text.slice(last.end, s.start).includes('\n')) {
      // A line of code is one literal, however the sentence splitter cut it ("make. && run").
      parts[parts.length - 1] = {
        ...last,
        text: text.slice(last.start, s.end),
        end: s.end,
        own: new Set([...last.own, ...own]),
        window: new Set([...last.window, ...own]),
      };
    } else if (kind === 'code') {
      // Code says what it does in the prose that introduces it ("To re-run a job, find its id, then:").
      parts.push({ ...s, own, window: new Set([...own, ...prose]), code: true });
    } else if (kind === 'record' && line !== previousLine) {
      // A record is whole on its line: the row above is another record ("Australia (Sydney)" under "Canada (Montreal)"), not its context.
      parts.push({ ...s, own, window: own });
    } else {
      // A question standing on its own line ("What happens if my samples fail QC?" in an FAQ) heads its
      // answer, like a heading; inside a paragraph, a question may hold facts ("… with at most 2000 km?").
      // A heading holding a release number or a date ("## [2.4.0] - 2025-05-06" in a changelog) states when that release came.
      const asks =
        (kind === 'heading' && !DATED_HEADING.test(s.text)) || (/\?["'”’)\]]*\s*$/.test(s.text) && wholeLine(text, s));
      parts.push({ ...s, own, window: new Set([...own, ...previous]), ...(asks && { heading: true }) });
      prose = own;
    }
    previous = own;
    previousLine = line;
  }
  return { all: new Set(terms(text)), sentences: parts };
}, 2_000);

/** The terms of the table heading over each table row of the chunk, by offset; none for text without tables. */
export function columnTerms(chunk: Chunk): ((offset: number) => Set<string> | undefined) | undefined {
  if (!chunk.text.includes('|')) return undefined;
  const lines = linesOf(chunk.text);
  return (offset) => {
    const heading = rowHeading(lines, offset, chunk.tableHeading);
    return heading && new Set(terms(heading.text));
  };
}
