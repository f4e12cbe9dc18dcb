import { endsDangling, hasColumns, stopsBeforeDigits } from './sentence-scan.js';

/** A sentence of a text, with exact offsets: `text.slice(start, end) === sentence.text`. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU breaks after these; a sentence almost never ends on them.
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof st jr sr vs etc gen col lt sgt capt gov sen rep rev inc co ltd no fig approx est dept univ
jan feb mar apr jun jul aug sep sept oct nov dec mt ft e.g i.e u.s u.k u.n a.m p.m`.split(/\s+/),
);

/** A numbered list item's marker, as the segmenter cuts it off: "1. ", "12) ". */
const LIST_NUMBER = /^\s*\d{1,3}[.)]\s*$/;

/** Whether the text before `at`, past blank space, ends with a colon; read backwards over the blank space only, so a list of thousands of items stays linear. */
function introducedByColon(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ':';
}

/** An abbreviation is short; looking further back only costs time on long runs of dots ("a.a.a…"). */
const ABBREVIATION_REACH = 40;

function endsWithAbbreviation(segment: string): boolean {
  const body = segment.trimEnd();
  const tail = body.slice(-ABBREVIATION_REACH);
  const match = /(?:^|[^\p{L}\p{N}])([\p{L}.]+)\.$/u.exec(tail);
  if (!match?.[1]) return false;
  // The word runs on before the tail: far too long for an abbreviation.
  if (match.index === 0 && tail.length < body.length && /^[\p{L}.]/u.test(tail)) return false;
  const word = match[1].toLowerCase();
  // A single capital letter ("J. Smith") is an initial.
  return ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(match[1]);
}

/**
 * Split into sentences; a line break ends a sentence (titles, list items) unless it only wraps a
 * long line (see softWrapped). Whitespace around each sentence is excluded from it. Linear in the
 * text: a segment the segmenter ends after an abbreviation or initial is joined to the next by
 * offsets, never by re-reading what came before.
 */
export function sentences(text: string): Sentence[] {
  const raw: Sentence[] = [];
  const span = (start: number, end: number): Sentence => ({ text: text.slice(start, end), start, end });
  // Read with soft wraps as spaces (same length, so offsets hold); sentences are cut from `text`.
  const flat = softWrapped(text);
  for (const line of lines(flat)) {
    let from: number | undefined;
    for (const [windowStart, windowEnd] of windows(flat, line.start, line.end)) {
      for (const seg of segmenter.segment(flat.slice(windowStart, windowEnd))) {
        const start = windowStart + seg.index;
        const end = start + seg.segment.length;
        // A numbered list's marker ("1." opening a line) after a line introducing the list ("… you must let
        // us know:") is no sentence: it stood between the item and that line, which the item answers.
        // A numbered heading ("1. Q1 budget" after "Apologies: Raj Patel") keeps it, and so stays apart.
        if (
          from === undefined &&
          LIST_NUMBER.test(seg.segment) &&
          flat.slice(line.start, start).trim() === '' &&
          introducedByColon(flat, line.start)
        )
          continue;
        // A run of abbreviations and initials ("Dr. … Mr. … Dr. …", a whole line of them) is cut
        // before it grows past a window: joined whole, it made one sentence of the line, and tagging
        // a sentence takes time growing with the square of its length (48 KB: over a minute).
        if (from !== undefined && end - from > WINDOW) {
          raw.push(span(from, start));
          from = undefined;
        }
        from ??= start;
        if (!endsWithAbbreviation(seg.segment)) {
          raw.push(span(from, end));
          from = undefined;
        }
      }
    }
    if (from !== undefined) raw.push(span(from, line.end));
  }
  return raw
    .flatMap((s) => beforeDigits(text, s))
    .map(trim)
    .filter((s) => s.text.length > 0);
}

/** The sentence cut where a new one opens with a number, unless the stop ends an abbreviation ("No. 5", "approx. 12"). */
function beforeDigits(text: string, s: Sentence): Sentence[] {
  const out: Sentence[] = [];
  let from = s.start;
  // A sentence end the segmenter misses: a full stop after a word, before a sentence opening with a number ("… a day late. 38 customers were affected").
  for (const [index, length] of stopsBeforeDigits(s.text)) {
    const cut = s.start + index + length;
    if (endsWithAbbreviation(text.slice(from, s.start + index + 1))) continue;
    out.push({ text: text.slice(from, cut), start: from, end: cut });
    from = cut;
  }
  out.push({ text: text.slice(from, s.end), start: from, end: s.end });
  return out;
}

/**
 * V8's sentence segmenter takes time growing with the square of the string it walks (80,000
 * characters: over a second), so a long line is handed to it in windows of about this size.
 */
const WINDOW = 2_000;

/**
 * [start, end) windows covering text[start, end), each cut after a sentence end and its spaces
 * ("… rained. |Then") where one lies in the window's second half, else after any space, else at
 * the size: a cut the segmenter would have made itself, except in text with no spaces at all.
 */
function* windows(text: string, start: number, end: number): Generator<[number, number]> {
  let from = start;
  while (end - from > WINDOW) {
    const chunk = text.slice(from + WINDOW / 2, from + WINDOW);
    const sentenceEnd = [...chunk.matchAll(/[.!?]["'”’)\]]*\s+/g)].at(-1);
    const space = [...chunk.matchAll(/\s+/g)].at(-1);
    const cut = sentenceEnd ?? space;
    const to = cut ? from + WINDOW / 2 + cut.index + cut[0].length : from + WINDOW;
    yield [from, to];
    from = to;
  }
  yield [from, end];
}

/** A line that cannot run on into the next: a heading, table row, quote, fence, or one ending a sentence. */
const BLOCK_LINE = /^\s*(?:#|\||>|```|~~~)|\s\|\s|[.!?:;]["'”’)\]]*\s*$/;
/** A line that continues the one before: it starts in lowercase (or a digit, bracket, quote or code) and is no list item or "key: value" record. */
const CONTINUES = /^[ \t]*[\p{Ll}\d(`"'“‘]/u;
const OWN_LINE = /^[ \t]*(?:\d+[.)]\s|[^\s:;]{1,40}:\s)/;
/**
 * A line ending on a word no sentence or title ends on ("... issued only by the", "... a method of":
 * endsDangling) runs on into the next even when that starts with a capital ("General Counsel."),
 * unless the next line opens a block or list item of its own.
 */
const OPENS_BLOCK = /^[ \t]*(?:$|#|\||>|```|~~~|[-*+•][ \t])/;
/** Shorter lines are titles, labels or list entries, not prose wrapped at a width. */
const WRAPPED_LENGTH = 30;

/**
 * The text with each soft wrap's line break read as a space. Prose hard-wrapped at 72–80 columns
 * (plain text, Markdown, e-mail) breaks lines mid-sentence: "a scanned PDF with no\ntext" is one
 * sentence. A break is a soft wrap when its line is long and ends no sentence or block, and the
 * next line continues in lowercase or the line stops on a word that needs more ("by the"); code
 * fences are left alone.
 */
function softWrapped(text: string): string {
  if (!text.includes('\n')) return text;
  const parts = text.split('\n');
  const width = wrapWidth(parts);
  let inFence = false;
  let out = '';
  parts.forEach((line, i) => {
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (/^\s*(?:```|~~~)/.test(body)) inFence = !inFence;
    const next = parts[i + 1];
    // A line filling the width the text is wrapped at was cut there, whatever the next line starts with ("… on Edge\nAgent 3.0 kept printing").
    const full = width !== undefined && body.trimEnd().length >= width - FULL_SLACK && !hasColumns(body);
    const runsOn =
      next !== undefined && (CONTINUES.test(next) || ((endsDangling(body) || full) && !OPENS_BLOCK.test(next)));
    const wraps =
      !inFence && runsOn && body.trim().length >= WRAPPED_LENGTH && !BLOCK_LINE.test(body) && !OWN_LINE.test(next!);
    out += i === parts.length - 1 ? line : wraps ? `${body}${line.length > body.length ? '  ' : ' '}` : `${line}\n`;
  });
  return out;
}

/** Characters short of the wrap width a full line may stop: a wrap breaks before the word that did not fit. */
const FULL_SLACK = 12;
/** A text is hard-wrapped when this many lines end within FULL_SLACK of its longest (of at least MIN_WIDTH). */
const WRAPPED_LINES = 3;
const MIN_WIDTH = 60;
const MAX_WIDTH = 100;

/** The width a text is hard-wrapped at (e-mail, plain-text reports: 72–80 columns), if it is. */
function wrapWidth(lines: string[]): number | undefined {
  // Aligned columns and table rows run to their own widths.
  const lengths = lines.filter((l) => !hasColumns(l)).map((l) => l.trimEnd().length);
  // A loop, not Math.max(...): a whole document's lines would overflow the call stack as arguments.
  let width = 0;
  for (const n of lengths) if (n <= MAX_WIDTH && n > width) width = n;
  if (!(width >= MIN_WIDTH)) return undefined;
  return lengths.filter((n) => n <= width && n >= width - FULL_SLACK).length >= WRAPPED_LINES ? width : undefined;
}

function lines(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^\r\n]+/g;
  for (const m of text.matchAll(re)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

function trim(s: Sentence): Sentence {
  const lead = s.text.length - s.text.trimStart().length;
  const body = s.text.trim();
  return { text: body, start: s.start + lead, end: s.start + lead + body.length };
}
