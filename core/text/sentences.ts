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

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[^\p{L}\p{N}])([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  // A single capital letter ("J. Smith") is an initial.
  return ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(match[1]);
}

/**
 * Split into sentences; line breaks always end a sentence (titles, list items). Whitespace
 * around each sentence is excluded from it.
 */
export function sentences(text: string): Sentence[] {
  const raw: Sentence[] = [];
  for (const line of lines(text)) {
    let pending: Sentence | undefined;
    for (const seg of segmenter.segment(line.text)) {
      const start = line.start + seg.index;
      const piece = { text: seg.segment, start, end: start + seg.segment.length };
      pending = pending ? { text: pending.text + piece.text, start: pending.start, end: piece.end } : piece;
      if (!endsWithAbbreviation(pending.text)) {
        raw.push(pending);
        pending = undefined;
      }
    }
    if (pending) raw.push(pending);
  }
  return raw.map(trim).filter((s) => s.text.length > 0);
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
