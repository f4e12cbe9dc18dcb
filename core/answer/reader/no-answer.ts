import { words } from '../../text/tokenize.js';
import type { Evidence } from '../evidence.js';
import { otherKind, unsaidNegation } from '../unsaid.js';
import { SPAN_FEATURES } from './features.js';
import type { QuestionContext } from './question.js';

/**
 * What the no-answer decision reads besides the best candidate: whether the passages say the
 * question's terms at all, how well the best sentences cover it, what the passage ranker thought,
 * and whether the best sentence negates or names another kind than the question.
 */
export const EVIDENCE_FEATURES = [
  'unseen',
  'unseenInBest',
  'rarestUnseen',
  'unseenNearBest',
  'bestWindow',
  'bestCoverage',
  'secondWindow',
  'likelihood',
  'secondLikelihood',
  'negationUnsaid',
  'otherKind',
  'maxFit',
  'candidates',
  'ruleAbstains',
  'namesUnsaid',
];

/**
 * The whole no-answer row: the evidence features, the ranker's top two scores, the best candidate's own
 * row, and the best phrase's score, its gap to the top and its row. When a whole sentence ranks first the
 * best phrase still says whether anything of the asked kind stands in it.
 */
export const NO_ANSWER_FEATURES = [
  ...EVIDENCE_FEATURES,
  'top',
  'second',
  'margin',
  ...SPAN_FEATURES.map((f) => `best:${f}`),
  'phraseScore',
  'phraseGap',
  ...SPAN_FEATURES.map((f) => `phrase:${f}`),
];

/** A ranked candidate as the no-answer row reads it. */
export interface Scored {
  score: number;
  row: readonly number[];
}

/** The question's terms that none of these texts says. */
function unseen(ctx: QuestionContext, texts: readonly string[]): string[] {
  const said = new Set<string>();
  for (const text of texts) for (const t of words(text)) if (ctx.stems.has(t.stem)) said.add(t.stem);
  return [...ctx.weightOf.keys()].filter((stem) => !said.has(stem));
}

/** IDF-weighted share of the question's terms these are. */
function shareOf(ctx: QuestionContext, stems: readonly string[]): number {
  const weight = stems.reduce((sum, stem) => sum + ctx.weightOf.get(stem)!, 0);
  return ctx.q.total > 0 ? weight / ctx.q.total : 0;
}

/** The weight of the rarest of these terms, as a share of the question's rarest: one unsaid rare word can change the question. */
function rarestOf(ctx: QuestionContext, stems: readonly string[]): number {
  const top = Math.max(0, ...ctx.weightOf.values());
  return top > 0 ? Math.max(0, ...stems.map((stem) => ctx.weightOf.get(stem)!)) / top : 0;
}

/** The best sentence with its neighbours in the passage. */
function nearBest(best: Evidence, evidence: readonly Evidence[]): string[] {
  const same = evidence.filter((e) => e.passage === best.passage).sort((a, b) => a.start - b.start);
  const at = same.indexOf(best);
  return same.slice(Math.max(0, at - 1), at + 2).map((e) => e.text);
}

/** Evidence features in EVIDENCE_FEATURES order; `evidence` is ranked best first. */
export function evidenceRow(
  ctx: QuestionContext,
  evidence: readonly Evidence[],
  maxFit: number,
  candidates: number,
  ruleAbstains: boolean,
  namesUnsaid: boolean,
): number[] {
  const best = evidence[0];
  const passages = [...new Set(evidence.map((e) => e.passage))];
  // The best passage is read once for both of its features.
  const unseenInBest = best ? unseen(ctx, [best.passage.chunk.text]) : undefined;
  return [
    shareOf(
      ctx,
      unseen(
        ctx,
        passages.map((p) => p.chunk.text),
      ),
    ),
    unseenInBest ? shareOf(ctx, unseenInBest) : 1,
    unseenInBest ? rarestOf(ctx, unseenInBest) : 1,
    best ? shareOf(ctx, unseen(ctx, nearBest(best, evidence))) : 1,
    best?.windowCoverage ?? 0,
    best?.coverage ?? 0,
    evidence[1]?.windowCoverage ?? 0,
    passages[0]?.likelihood ?? Number.NaN,
    passages[1]?.likelihood ?? Number.NaN,
    best && unsaidNegation(ctx.question, best.text) ? 1 : 0,
    best && otherKind(ctx.question, best.text) ? 1 : 0,
    maxFit,
    candidates,
    ruleAbstains ? 1 : 0,
    namesUnsaid ? 1 : 0,
  ];
}

/** The no-answer row from the evidence row, the two best candidates and the best phrase (none: missing). */
export function noAnswerRow(
  evidence: readonly number[],
  best: Scored,
  second: Scored | undefined,
  phrase: Scored | undefined,
): number[] {
  const top = best.score;
  const next = second?.score ?? Number.NaN;
  const phraseRow = phrase ? phrase.row : best.row.map(() => Number.NaN);
  const phraseScore = phrase?.score ?? Number.NaN;
  return [...evidence, top, next, top - next, ...best.row, phraseScore, top - phraseScore, ...phraseRow];
}
