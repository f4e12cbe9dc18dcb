import { words } from '../../text/tokenize.js';
import type { Evidence } from '../evidence.js';
import { spanFacts } from '../spans.js';
import {
  phraseCandidate,
  sentenceCandidate,
  SPAN_FEATURES,
  spanRow,
  type ReaderCandidate,
  type RuleVerdict,
} from './features.js';
import { NEURAL_FEATURES, SpanScores } from './neural/span-scores.js';
import { WindowModel, type WindowScorer } from './neural/window-model.js';
import { questionRow, type QuestionContext } from './question.js';
import { evidenceRow, NO_ANSWER_FEATURES, noAnswerRow } from './no-answer.js';
import { packTrees, readTreeModel, sigmoid, treeMargin, type PackedTrees, type TreeModel } from './tree-model.js';

export const SPAN_MODEL_FILE = new URL('./span-model.json', import.meta.url);
export const NO_ANSWER_MODEL_FILE = new URL('./no-answer-model.json', import.meta.url);

/** Every candidate of the searched sentences with its feature row, and the question's evidence row. */
export interface ReaderInput {
  candidates: ReaderCandidate[];
  rows: number[][];
  evidence: number[];
}

/** The reader's verdict: candidates best first, and the probability that the best one answers at all. */
export interface Reading {
  ranked: { candidate: ReaderCandidate; score: number }[];
  answerable: number;
}

/**
 * The candidates the reader chooses among: every phrase of the searched sentences (typed or not;
 * the model weighs the fit) and each sentence whole. `evidence` is every ranked sentence, for the
 * no-answer features.
 */
export function readerInput(
  ctx: QuestionContext,
  sentences: readonly Evidence[],
  evidence: readonly Evidence[],
  rule?: RuleVerdict,
  neural?: SpanScores,
  namesUnsaid = false,
): ReaderInput {
  const spans = spanFacts(ctx.type, ctx.q, [...sentences], true);
  const seen = new Set<string>();
  const candidates: ReaderCandidate[] = [];
  const add = (c: ReaderCandidate) => {
    const key = `${c.evidence.passage.chunk.id}:${c.evidence.start}:${c.start}:${c.end}`;
    if (!seen.has(key)) (seen.add(key), candidates.push(c));
  };
  for (const s of spans) add(phraseCandidate(s.candidate, s.evidence, s.facts));
  for (const e of sentences) add(sentenceCandidate(e, e.coverage));
  const question = questionRow(ctx);
  const tokensOf = new Map<Evidence, ReturnType<typeof words>>();
  const maxFit = Math.max(0, ...spans.map((s) => s.facts.fit));
  const maxCloseness = Math.max(0, ...spans.map((s) => s.facts.closeness));
  const rows = candidates.map((c) => {
    if (!tokensOf.has(c.evidence)) tokensOf.set(c.evidence, words(c.evidence.text));
    const row = spanRow(
      ctx,
      c,
      tokensOf.get(c.evidence)!,
      { maxCloseness, maxFit, sentenceIndex: sentences.indexOf(c.evidence), rule },
      question,
    );
    // Without the neural reader its features are missing; each tree split has a way for a missing value.
    return [...row, ...(neural?.featuresOf(c.evidence, c.start, c.end, c.sentence) ?? NEURAL_FEATURES.map(() => NaN))];
  });
  return {
    candidates,
    rows,
    evidence: evidenceRow(ctx, evidence, maxFit, candidates.length, rule?.abstained === true, namesUnsaid),
  };
}

/**
 * The learned reader: a tree ensemble ranks the candidates (trained pairwise on which phrase matches
 * the gold answer), and a second one gives the probability that the best of them answers the
 * question at all. Both are files written by evals/reader/train.py; see docs/reader.md.
 */
export class LearnedReader {
  private readonly spans: PackedTrees;
  private readonly noAnswer: PackedTrees;

  constructor(
    readonly spanModel: TreeModel = readTreeModel(SPAN_MODEL_FILE, SPAN_FEATURES),
    readonly noAnswerModel: TreeModel = readTreeModel(NO_ANSWER_MODEL_FILE, NO_ANSWER_FEATURES),
    /** The neural window reader whose span scores are features of both models; null leaves them missing. */
    private neural: WindowScorer | null = new WindowModel(),
  ) {
    this.spans = packTrees(spanModel);
    this.noAnswer = packTrees(noAnswerModel);
  }

  /** Below this probability the reader says the documents do not answer (chosen on a held-out split). */
  get threshold(): number {
    return this.noAnswerModel.settings?.threshold ?? 0.5;
  }

  /**
   * From this probability up to the threshold the reader declines but shows the closest sentence;
   * below it, the documents do not answer. Without the setting there is no such band.
   */
  get closestFloor(): number {
    return this.noAnswerModel.settings?.closest ?? this.threshold;
  }

  /**
   * The neural reader's scores for the searched sentences' windows, to pass to readerInput. Where its
   * runtime cannot load (a platform without onnxruntime's binaries), the trees read without them: worse
   * answers, with one process warning, rather than none.
   */
  async spanScores(question: string, sentences: readonly Evidence[]): Promise<SpanScores | undefined> {
    if (!this.neural) return undefined;
    try {
      return await SpanScores.read(this.neural, question, sentences);
    } catch (err) {
      process.emitWarning(`the neural reader is off: ${(err as Error).message}`, { code: 'DOCQA_NEURAL_READER' });
      this.neural = null;
      return undefined;
    }
  }

  read(input: ReaderInput): Reading {
    const scored = input.candidates.map((candidate, i) => ({
      candidate,
      score: treeMargin(this.spans, input.rows[i]!),
      row: input.rows[i]!,
    }));
    scored.sort((a, b) => b.score - a.score);
    if (scored.length === 0) return { ranked: [], answerable: 0 };
    const row = noAnswerRow(
      input.evidence,
      scored[0]!,
      scored[1],
      scored.find((s) => !s.candidate.sentence),
    );
    return {
      ranked: scored.map(({ candidate, score }) => ({ candidate, score })),
      answerable: sigmoid(treeMargin(this.noAnswer, row)),
    };
  }
}
