import { POINTING_BACK } from '../lang/en.js';
import { words } from '../text/tokenize.js';
import type { Turn } from '../types.js';
import { NOT_IN_DOCUMENTS } from './answerer.js';
import type { QuestionTerms, TermWeight } from './evidence.js';
import { questionTerms } from './evidence.js';

/**
 * Weight of the earlier turn's words beside the question's own; the same share the hybrid
 * retriever gives earlier questions (core/retrieve/hybrid.ts).
 */
export const EARLIER_TURN_WEIGHT = 0.3;

/** An earlier answer longer than this is a model's prose, not a name to look for. */
const MAX_ANSWER_WORDS = 12;

export function pointsBack(question: string): boolean {
  return words(question).some((t) => POINTING_BACK.has(t.word));
}

/**
 * The terms the answerer looks for. A question that points back ("when was that?") says too little
 * on its own: the last turn's question, and its answer when that is a short phrase, fill in what
 * "that" is, at a lower weight so the question's own words still lead.
 */
export function termsInContext(
  question: string,
  history: readonly Turn[] | undefined,
  weight: TermWeight,
): QuestionTerms {
  const own = questionTerms(question, weight);
  const last = history?.at(-1);
  if (!last || !pointsBack(question)) return own;
  const answer =
    last.answer && last.answer !== NOT_IN_DOCUMENTS && words(last.answer).length <= MAX_ANSWER_WORDS ? last.answer : '';
  const earlier = questionTerms(`${last.question} ${answer}`, weight);
  const stems = [...own.stems];
  const weights = [...own.weights];
  earlier.stems.forEach((s, i) => {
    if (stems.includes(s)) return;
    stems.push(s);
    weights.push(EARLIER_TURN_WEIGHT * earlier.weights[i]!);
  });
  return { ...own, stems, weights, total: weights.reduce((a, b) => a + b, 0) };
}
