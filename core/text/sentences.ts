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
 * Split into sentences; line breaks always end a sentence (titles, list items). Whitespace
 * around each sentence is excluded from it. Linear in the text: a segment the segmenter ends after
 * an abbreviation or initial is joined to the next by offsets, never by re-reading what came before.
 */
export function sentences(text: string): Sentence[] {
  const raw: Sentence[] = [];
  const span = (start: number, end: number): Sentence => ({ text: text.slice(start, end), start, end });
  for (const line of lines(text)) {
    let from: number | undefined;
    for (const [windowStart, windowEnd] of windows(text, line.start, line.end)) {
      for (const seg of segmenter.segment(text.slice(windowStart, windowEnd))) {
        const start = windowStart + seg.index;
        from ??= start;
        if (!endsWithAbbreviation(seg.segment)) {
          raw.push(span(from, start + seg.segment.length));
          from = undefined;
        }
      }
    }
    if (from !== undefined) raw.push(span(from, line.end));
  }
  return raw.map(trim).filter((s) => s.text.length > 0);
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
