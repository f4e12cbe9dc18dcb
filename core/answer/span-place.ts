/** Where a span stands in its sentence against the question: near its rare words, beside its focus noun, after a label saying its words. */
import type { Token } from '../text/tokenize.js';
import type { Candidate, SpanType } from './candidates.js';
import { questionStemSaidBy, type QuestionTerms } from './evidence.js';
import { capitalised } from './span-trim.js';

/** Indices of the first and last sentence tokens the candidate overlaps. */
function tokenRange(tokens: Token[], c: Candidate): [number, number] {
  return [tokens.findIndex((t) => t.end > c.start), tokens.findLastIndex((t) => t.start < c.end)];
}

/**
 * How close the span sits to the question's terms in the sentence, each term weighted by its
 * IDF: an answer tends to stand next to the rare words the question names (0..1).
 */
export function closeness(tokens: Token[], c: Candidate, q: QuestionTerms): number {
  const weightOf = new Map(q.stems.map((s, i) => [s, q.weights[i]!]));
  // "the driver" stands for "driving" in the question.
  const asked = questionStemSaidBy(q);
  const [first, last] = tokenRange(tokens, c);
  const best = new Map<string, number>();
  tokens.forEach((t, i) => {
    const stem = asked.get(t.stem);
    if (!stem || (i >= first && i <= last)) return;
    const d = i < first ? first - i : i - last;
    best.set(stem, Math.max(best.get(stem) ?? 0, 1 / (1 + d / 3)));
  });
  let total = 0;
  let sum = 0;
  for (const [stem, near] of best) {
    sum += weightOf.get(stem)! * near;
    total += weightOf.get(stem)!;
  }
  return total > 0 ? sum / total : 0;
}

/**
 * Whether the span stands beside the question's focus noun, with only question words between
 * ("platform X", "the TAPI gas pipeline" for "which gas pipeline"): the text naming the thing asked about.
 */
export function besideFocus(
  sentence: string,
  tokens: Token[],
  c: Candidate,
  q: QuestionTerms,
  stems: ReadonlySet<string>,
): boolean {
  const { focus } = q;
  if (!focus) return false;
  const [first, last] = tokenRange(tokens, c);
  if (first < 0 || last < first) return false;
  // A comma between them makes the next item of a list ("the fibre-optic project, CASA-1000"), not the noun's name.
  const apart = (i: number) =>
    /[,;]/.test(i > last ? sentence.slice(c.end, tokens[i]!.start) : sentence.slice(tokens[i]!.end, c.start));
  const reaches = (from: number, step: number): boolean => {
    for (let i = from; i >= 0 && i < tokens.length && Math.abs(i - from) < 4; i += step) {
      if (tokens[i]!.stem === focus) return !apart(i);
      if (!stems.has(tokens[i]!.stem)) return false;
    }
    return false;
  };
  // Before the noun, a name or a literal names it ("the TAPI gas pipeline", "kw-02 workers"); a common word
  // says what kind it is ("travel insurer"), which answers only a question asking what kind.
  // A number before it counts the noun ("38 customers"): the answer to "how many customers", not to "which customers".
  const counted = c.types.has('number') && !c.types.has('id');
  const named =
    q.asksKind ||
    capitalised(c.text) ||
    ['code', 'id', 'date'].some((t) => c.types.has(t as SpanType)) ||
    (counted && q.counts === true);
  return reaches(first - 1, -1) || (named && reaches(last + 1, 1));
}

/** A label is short: "Compressor replacement and call-out", "Punctuality (departing between 1 minute early and 5 minutes late)". */
const LABEL_WORDS = 12;

/**
 * Whether the span is the value right after a label that says some of the question's words
 * ("Compressor replacement and call-out: £2,960" for "what did the compressor repair cost"): reports and
 * minutes set out their figures so, and a number inside the label ("1 minute early") is not the value.
 */
export function labelledValue(
  sentence: string,
  c: Candidate,
  tokens: Token[],
  questionStems: ReadonlySet<string>,
): boolean {
  const colon = sentence.indexOf(': ');
  if (colon < 0 || c.start <= colon || !/^[\s*_`"'“]*$/.test(sentence.slice(colon + 1, c.start))) return false;
  const label = tokens.filter((t) => t.end <= colon);
  return label.length > 0 && label.length <= LABEL_WORDS && label.some((t) => questionStems.has(t.stem));
}
