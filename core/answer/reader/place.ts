import { PREPOSITIONS } from '../../lang/en.js';
import { isStopWord, type Token } from '../../text/tokenize.js';
import type { ReaderCandidate } from './features.js';
import type { QuestionContext } from './question.js';

/** Where a candidate stands in its sentence, and which of the question's words stand around it. */

/** How far (in words) a question word may stand from a span and still count as beside it. */
const WINDOW = 5;
/** Distances are capped: "no question word on that side" reads as far away. */
const FAR = 30;

/** IDF-weighted share of the question's terms said by these tokens. */
export function askedShare(ctx: QuestionContext, tokens: readonly Token[]): number {
  const said = new Set(tokens.map((t) => t.stem).filter((s) => ctx.stems.has(s)));
  let sum = 0;
  for (const s of said) sum += ctx.weightOf.get(s) ?? 0;
  return ctx.q.total > 0 ? sum / ctx.q.total : 0;
}

/** Words from the span to the nearest question word on one side, or FAR. */
function nearest(ctx: QuestionContext, tokens: readonly Token[], from: number, step: number): number {
  for (let i = from, d = 1; i >= 0 && i < tokens.length && d < FAR; i += step, d++)
    if (ctx.stems.has(tokens[i]!.stem)) return d;
  return FAR;
}

/** Where the span stands in its sentence and what stands beside it. */
export function placeRow(ctx: QuestionContext, c: ReaderCandidate, tokens: readonly Token[]): number[] {
  const text = c.evidence.text;
  const first = tokens.findIndex((t) => t.end > c.start);
  const lastAt = tokens.findLastIndex((t) => t.start < c.end);
  const firstIn = first < 0 ? tokens.length : first;
  const last = lastAt < 0 ? firstIn - 1 : lastAt;
  const before = tokens[firstIn - 1];
  const after = tokens[last + 1];
  const inside = tokens.slice(firstIn, last + 1);
  const preposition = before ? (PREPOSITIONS as readonly string[]).indexOf(before.word) + 1 : 0;
  return [
    /\(\s*$/.test(text.slice(0, c.start)) ? 1 : 0,
    /,\s*$/.test(text.slice(0, c.start)) ? 1 : 0,
    /^\s*,/.test(text.slice(c.end)) ? 1 : 0,
    before && ctx.stems.has(before.stem) ? 1 : 0,
    after && ctx.stems.has(after.stem) ? 1 : 0,
    preposition,
    askedShare(ctx, tokens.slice(Math.max(0, firstIn - WINDOW), firstIn)),
    askedShare(ctx, tokens.slice(last + 1, last + 1 + WINDOW)),
    nearest(ctx, tokens, firstIn - 1, -1),
    nearest(ctx, tokens, last + 1, 1),
    ctx.q.focus && inside.some((t) => t.stem === ctx.q.focus) ? 1 : 0,
    tokens.length,
    firstIn === 0 ? 1 : 0,
    last >= tokens.length - 1 ? 1 : 0,
    inside.length > 0 ? inside.filter((t) => isStopWord(t.word)).length / inside.length : 0,
    askedShare(ctx, clauseAround(text, tokens, c)),
    saysPair(ctx, tokens, firstIn - 2, firstIn - 1) ? 1 : 0,
    saysPair(ctx, tokens, last + 1, last + 2) ? 1 : 0,
  ];
}

/** The tokens of the clause holding the span: between the punctuation marks around it. */
function clauseAround(text: string, tokens: readonly Token[], c: ReaderCandidate): Token[] {
  const before = text.slice(0, c.start);
  const from = Math.max(...[',', ';', ':', '(', ')', '—', ' – '].map((mark) => before.lastIndexOf(mark)));
  const afterAt = [',', ';', ':', '(', ')', '—', ' – '].map((mark) => text.indexOf(mark, c.end)).filter((i) => i >= 0);
  const to = afterAt.length > 0 ? Math.min(...afterAt) : text.length;
  return tokens.filter((t) => t.start > from && t.end <= to && (t.end <= c.start || t.start >= c.end));
}

/** Whether two neighbouring words beside the span are two neighbouring words of the question ("was founded [in 1066]"). */
function saysPair(ctx: QuestionContext, tokens: readonly Token[], i: number, j: number): boolean {
  const a = tokens[i];
  const b = tokens[j];
  return a !== undefined && b !== undefined && ctx.pairs.has(`${a.stem} ${b.stem}`);
}
