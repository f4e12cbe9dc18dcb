import { AUXILIARIES, QUESTION_WORDS, type QuestionWord } from '../../lang/en.js';
import { words } from '../../text/tokenize.js';
import type { QuestionTerms } from '../evidence.js';
import type { AnswerType } from '../question-type.js';

/** The question, analysed once: what every candidate's row shares. */

export const ANSWER_TYPES: readonly AnswerType[] = [
  'person',
  'date',
  'city',
  'country',
  'place',
  'number',
  'money',
  'measure',
  'frequency',
  'code',
  'phone',
  'entity',
  'reason',
  'other',
];
const WH: readonly QuestionWord[] = [...QUESTION_WORDS, 'none'];

/** What every candidate of one question shares: the question, analysed once. */
export interface QuestionContext {
  question: string;
  q: QuestionTerms;
  type: AnswerType;
  wh: QuestionWord;
  stems: ReadonlySet<string>;
  weightOf: ReadonlyMap<string, number>;
  /** Evidence score of the best sentence searched. */
  bestScore: number;
  /** Neighbouring word pairs of the question, stemmed ("found 1066" is no pair; "was found" is). */
  pairs: ReadonlySet<string>;
}

/** The question word a question asks with: the first one in it ("In what year …" asks "what"). */
export function questionWord(question: string): QuestionWord {
  const lower = ` ${question.toLowerCase().replace(/[^\p{L}\s']/gu, ' ')} `;
  let best: { word: QuestionWord; at: number } | undefined;
  for (const word of QUESTION_WORDS) {
    const at = lower.indexOf(` ${word} `);
    if (at >= 0 && (!best || at < best.at)) best = { word, at };
  }
  return best?.word ?? 'none';
}

export function questionContext(
  question: string,
  q: QuestionTerms,
  type: AnswerType,
  bestScore: number,
): QuestionContext {
  const tokens = words(question);
  const pairs = new Set(tokens.slice(1).map((t, i) => `${tokens[i]!.stem} ${t.stem}`));
  return {
    question,
    q,
    type,
    wh: questionWord(question),
    stems: new Set(q.stems),
    weightOf: new Map(q.stems.map((s, i) => [s, q.weights[i]!])),
    bestScore,
    pairs,
  };
}

const oneHot = <T>(all: readonly T[], value: T): number[] => all.map((v) => (v === value ? 1 : 0));

/** What the question says of itself: the same for each of its candidates. */
export const QUESTION_FEATURES = [
  ...ANSWER_TYPES.map((t) => `q:${t}`),
  ...WH.map((w) => `wh:${w}`),
  'questionTerms',
  'hasFocus',
  'asksKind',
  'counts',
  'asksSubject',
];

export function questionRow(ctx: QuestionContext): number[] {
  const { q } = ctx;
  return [
    ...oneHot(ANSWER_TYPES, ctx.type),
    ...oneHot(WH, ctx.wh),
    q.stems.length,
    q.focus ? 1 : 0,
    q.asksKind ? 1 : 0,
    q.counts ? 1 : 0,
    asksSubject(ctx.question) ? 1 : 0,
  ];
}

/**
 * "Who conquered England?" asks for the subject: the answer stands before the question's other words
 * in the text. "What did the Normans conquer?" asks for an object, which stands after them.
 */
function asksSubject(question: string): boolean {
  const next = /\b(?:who|what|which)\s+(?:\p{L}+\s+)??(\p{L}+)/iu.exec(question)?.[1]?.toLowerCase();
  return next !== undefined && !AUXILIARIES.has(next);
}
