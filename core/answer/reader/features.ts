import { normalizeAnswer } from '../../text/normalize.js';
import { words, type Token } from '../../text/tokenize.js';
import type { Candidate, SpanType } from '../candidates.js';
import type { Evidence } from '../evidence.js';
import { spanScore, type SpanFacts } from '../span-features.js';
import { NEURAL_FEATURES } from './neural/span-scores.js';
import { askedShare, placeRow } from './place.js';
import { PASSAGE_STYLE_FEATURES, passageStyleRow } from './passage-style.js';
import { QUESTION_FEATURES, type QuestionContext } from './question.js';

const SPAN_TYPES: readonly SpanType[] = [
  'person',
  'org',
  'place',
  'city',
  'country',
  'proper',
  'date',
  'number',
  'noun',
  'code',
  'path',
  'id',
  'role',
  'phone',
];
/** One phrase (or a whole sentence) of an evidence sentence that the reader may answer with. */
export interface ReaderCandidate {
  text: string;
  /** Offsets within the evidence sentence. */
  start: number;
  end: number;
  evidence: Evidence;
  /** The whole sentence offered as the answer (for reasons, procedures, lists). */
  sentence: boolean;
  types: ReadonlySet<SpanType>;
  facts: SpanFacts;
}

/** What the hand-written rules would answer: a feature the model weighs, not a branch. */
export type RuleVerdict =
  { abstained: true; reason: 'no-typed-span' } | { abstained: false; evidence: Evidence; text: string };
export const SPAN_FEATURES = [
  'fit',
  'closeness',
  'echo',
  'words',
  'evidenceScore',
  'beside',
  'replaced',
  'former',
  'seriesEnd',
  'otherEnd',
  'labelled',
  'coverage',
  'windowCoverage',
  'passageCoverage',
  'passageRank',
  'likelihood',
  'scoreGap',
  'sentence',
  'chars',
  'position',
  'capitalised',
  'digit',
  'typeCount',
  ...SPAN_TYPES.map((t) => `span:${t}`),
  'inBrackets',
  'commaBefore',
  'commaAfter',
  'prevAsked',
  'nextAsked',
  'prevPreposition',
  'leftAsked',
  'rightAsked',
  'nearestLeft',
  'nearestRight',
  'holdsFocus',
  'sentenceWords',
  'firstWord',
  'lastWord',
  'stopShare',
  'clauseAsked',
  'pairLeft',
  'pairRight',
  'closenessGap',
  'fitGap',
  'sentenceIndex',
  'leftShare',
  'rightShare',
  'ruleScore',
  'rulePick',
  'ruleOverlap',
  ...PASSAGE_STYLE_FEATURES,
  ...QUESTION_FEATURES,
  ...NEURAL_FEATURES,
];

/** How a candidate compares with the question's other candidates. */
export interface Relative {
  /** Best closeness and fit among the question's candidates. */
  maxCloseness: number;
  maxFit: number;
  /** Index of the candidate's sentence among those searched. */
  sentenceIndex: number;
  /** What the rules would answer. */
  rule: RuleVerdict | undefined;
}

/** One candidate's features, in SPAN_FEATURES order; `tokens` are its sentence's words. */
export function spanRow(
  ctx: QuestionContext,
  c: ReaderCandidate,
  tokens: readonly Token[],
  relative: Relative,
  question: readonly number[],
): number[] {
  const f = c.facts;
  const e = c.evidence;
  return [
    f.fit,
    f.closeness,
    f.echo,
    f.words,
    f.evidenceScore,
    f.beside,
    f.replaced,
    f.former,
    f.seriesEnd,
    f.otherEnd,
    f.labelled,
    e.coverage,
    e.windowCoverage,
    e.passageCoverage,
    e.passageRank,
    e.passage.likelihood ?? Number.NaN,
    ctx.bestScore - e.score,
    c.sentence ? 1 : 0,
    c.text.length,
    e.text.length > 0 ? c.start / e.text.length : 0,
    /^\p{Lu}/u.test(c.text) ? 1 : 0,
    /\d/.test(c.text) ? 1 : 0,
    c.types.size,
    ...SPAN_TYPES.map((t) => (c.types.has(t) ? 1 : 0)),
    ...placeRow(ctx, c, tokens),
    relative.maxCloseness - f.closeness,
    relative.maxFit - f.fit,
    relative.sentenceIndex,
    askedShare(
      ctx,
      tokens.filter((t) => t.end <= c.start),
    ),
    askedShare(
      ctx,
      tokens.filter((t) => t.start >= c.end),
    ),
    spanScore(f),
    ...ruleAgreement(c, relative.rule),
    ...passageStyleRow(e.passage),
    ...question,
  ];
}

/** Whether the candidate is what the rules answer, and how much of its words the rules' answer shares. */
function ruleAgreement(c: ReaderCandidate, rule: RuleVerdict | undefined): [number, number] {
  if (!rule || rule.abstained || rule.evidence !== c.evidence) return [0, 0];
  const mine = normalizeAnswer(c.text);
  const theirs = normalizeAnswer(rule.text);
  if (mine === theirs) return [1, 1];
  const a = new Set(mine.split(' '));
  const b = theirs.split(' ');
  const shared = b.filter((w) => a.has(w)).length;
  return [0, shared === 0 ? 0 : (2 * shared) / (a.size + b.length)];
}

/** A whole sentence as a candidate: what answers a "why", a "how do I" or a "what happens". */
export function sentenceCandidate(e: Evidence, echo: number): ReaderCandidate {
  const facts: SpanFacts = {
    fit: 0,
    closeness: 0,
    echo,
    words: words(e.text).length,
    evidenceScore: e.score,
    beside: 0,
    replaced: 0,
    former: 0,
    seriesEnd: 0,
    otherEnd: 0,
    labelled: 0,
  };
  return { text: e.text, start: 0, end: e.text.length, evidence: e, sentence: true, types: new Set(), facts };
}

/** A typed phrase as a candidate. */
export function phraseCandidate(candidate: Candidate, e: Evidence, facts: SpanFacts): ReaderCandidate {
  return {
    text: candidate.text,
    start: candidate.start,
    end: candidate.end,
    evidence: e,
    sentence: false,
    types: candidate.types,
    facts,
  };
}
