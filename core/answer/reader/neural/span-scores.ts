import type { Evidence } from '../../evidence.js';
import { tokenSentences, windowAround, wordTokens, type WordToken } from './tokens.js';
import type { WindowScorer, WindowScores } from './window-model.js';

/** What the neural reader says of a candidate: features the tree ranker and the no-answer model weigh. */
export const NEURAL_FEATURES = ['neuralSpan', 'neuralLogProb', 'neuralGap', 'neuralOverlap'] as const;

/** Longest answer the model proposes, in words (as training decoded). */
const MAX_SPAN = 15;

/** One window the model read: its words (offsets in the chunk text) and their scores. */
interface ReadWindow {
  chunkId: number;
  tokens: WordToken[];
  scores: WindowScores;
  /** Log of the sums of exp(start) and exp(end): the softmax within the window. */
  startNorm: number;
  endNorm: number;
}

/** The best span of a window between words `from` and `to` (exclusive): start + end score. */
function bestSpan(w: ReadWindow, from: number, to: number): { i: number; j: number; score: number } | undefined {
  let best: { i: number; j: number; score: number } | undefined;
  for (let i = from; i < to; i++) {
    for (let j = i; j < Math.min(to, i + MAX_SPAN); j++) {
      const score = w.scores.start[i]! + w.scores.end[j]!;
      if (!best || score > best.score) best = { i, j, score };
    }
  }
  return best;
}

function logSumExp(values: Float32Array): number {
  const max = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** The window's words from the first ending after `start` to the last starting before `end` (chunk offsets). */
function wordsWithin(w: ReadWindow, start: number, end: number): [number, number] | undefined {
  const i = w.tokens.findIndex((t) => t.end > start);
  let j = -1;
  w.tokens.forEach((t, k) => {
    if (t.start < end) j = k;
  });
  return i >= 0 && j >= i ? [i, j] : undefined;
}

/**
 * The neural reader's view of one question: each searched sentence's window read once, and the best
 * span of all of them. `featuresOf` describes a candidate (offsets within its evidence sentence).
 */
export class SpanScores {
  private constructor(
    private readonly windowOf: Map<Evidence, ReadWindow>,
    private readonly best?: { window: ReadWindow; i: number; j: number; score: number },
  ) {}

  static async read(model: WindowScorer, question: string, sentences: readonly Evidence[]): Promise<SpanScores> {
    const asked = wordTokens(question).map((t) => t.text);
    const read = new Map<string, ReadWindow>();
    const windowOf = new Map<Evidence, ReadWindow>();
    const cut = new Map<number, { tokens: WordToken[]; sentences: [number, number][] }>();
    for (const e of sentences) {
      const chunk = e.passage.chunk;
      if (!cut.has(chunk.id)) {
        const tokens = wordTokens(chunk.text);
        cut.set(chunk.id, { tokens, sentences: tokenSentences(tokens) });
      }
      const { tokens, sentences: spans } = cut.get(chunk.id)!;
      const at = tokens.findIndex((t) => t.end > e.start);
      if (at < 0) continue;
      const [a, b] = windowAround(spans, at);
      const key = `${chunk.id}:${a}:${b}`;
      if (!read.has(key)) {
        const words = tokens.slice(a, b);
        const scores = await model.score(
          words.map((t) => t.text),
          asked,
        );
        read.set(key, {
          chunkId: chunk.id,
          tokens: words,
          scores,
          startNorm: logSumExp(scores.start),
          endNorm: logSumExp(scores.end),
        });
      }
      windowOf.set(e, read.get(key)!);
    }
    let best: { window: ReadWindow; i: number; j: number; score: number } | undefined;
    for (const window of read.values()) {
      const span = bestSpan(window, 0, window.tokens.length);
      if (span && (!best || span.score > best.score)) best = { window, ...span };
    }
    return new SpanScores(windowOf, best);
  }

  /** NEURAL_FEATURES of a phrase (or, `sentence`, of the best span inside the sentence). */
  featuresOf(e: Evidence, start: number, end: number, sentence: boolean): number[] {
    const w = this.windowOf.get(e);
    const within = w && wordsWithin(w, e.start + start, e.start + end);
    if (!w || !within || !this.best) return NEURAL_FEATURES.map(() => NaN);
    const span = sentence ? bestSpan(w, within[0], within[1] + 1)! : { i: within[0], j: within[1] };
    const score = w.scores.start[span.i]! + w.scores.end[span.j]!;
    const logProb = w.scores.start[span.i]! - w.startNorm + w.scores.end[span.j]! - w.endNorm;
    return [score, logProb, this.best.score - score, this.overlapWithBest(w, span.i, span.j)];
  }

  /** Token F1 of words i..j of this window against the best span of all windows. */
  private overlapWithBest(w: ReadWindow, i: number, j: number): number {
    const best = this.best!;
    if (best.window.chunkId !== w.chunkId) return 0;
    const from = Math.max(w.tokens[i]!.start, best.window.tokens[best.i]!.start);
    const to = Math.min(w.tokens[j]!.end, best.window.tokens[best.j]!.end);
    const shared = w.tokens.slice(i, j + 1).filter((t) => t.start >= from && t.end <= to).length;
    return shared === 0 ? 0 : (2 * shared) / (j - i + 1 + (best.j - best.i + 1));
  }
}
