import { AUXILIARIES, PREPOSITIONS, QUESTION_WORDS, type QuestionWord } from '../../lang/en.js';
import { normalizeAnswer } from '../../text/normalize.js';
import { isStopWord, words, type Token } from '../../text/tokenize.js';
import type { Candidate, SpanType } from '../candidates.js';
import type { Evidence, QuestionTerms } from '../evidence.js';
import type { AnswerType } from '../question-type.js';
import { spanScore, type SpanFacts } from '../span-features.js';

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
  ...QUESTION_FEATURES,
];

/** How far (in words) a question word may stand from a span and still count as beside it. */
const WINDOW = 5;
/** Distances are capped: "no question word on that side" reads as far away. */
const FAR = 30;

/** IDF-weighted share of the question's terms said by these tokens. */
function askedShare(ctx: QuestionContext, tokens: readonly Token[]): number {
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
function placeRow(ctx: QuestionContext, c: ReaderCandidate, tokens: readonly Token[]): number[] {
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
