import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { TOKEN_FEATURES, tokenFeatures } from './token-features.js';
import { DIMENSIONS, WordVectors } from './word-vectors.js';

export const NEURAL_MODEL_DIR = new URL('./model/', import.meta.url);

/** The model's scores for each word of a window being where the answer starts and where it ends. */
export interface WindowScores {
  start: Float32Array;
  end: Float32Array;
}

/** The loaded model: its session, the runtime's tensor type and the word table. */
interface Runtime {
  session: InferenceSession;
  Tensor: typeof Tensor;
  vectors: WordVectors;
}

/** What reads a window: the model, or a stand-in in tests. */
export interface WindowScorer {
  score(passage: readonly string[], question: readonly string[]): Promise<WindowScores>;
}

/**
 * The DrQA-style reader trained by evals/reader/drqa/train.py (a BiLSTM over frozen word vectors with
 * exact-match features, start and end pointers), run with onnxruntime. It reads one window of at most
 * WINDOW_TOKENS words at a time: the exported graph has no padding masks.
 */
export class WindowModel implements WindowScorer {
  private runtime?: Promise<Runtime>;

  constructor(
    private readonly modelFile: URL = new URL('reader.onnx', NEURAL_MODEL_DIR),
    private readonly vectorsDir: URL = NEURAL_MODEL_DIR,
  ) {}

  async score(passage: readonly string[], question: readonly string[]): Promise<WindowScores> {
    if (passage.length === 0 || question.length === 0) return { start: new Float32Array(), end: new Float32Array() };
    const { session, Tensor, vectors } = await this.open();
    const out = await session.run({
      passage: new Tensor('float32', vectors.embed(passage), [1, passage.length, DIMENSIONS]),
      features: new Tensor('float32', tokenFeatures(passage, question), [1, passage.length, TOKEN_FEATURES.length]),
      question: new Tensor('float32', vectors.embed(question), [1, question.length, DIMENSIONS]),
    });
    return { start: out.start!.data as Float32Array, end: out.end!.data as Float32Array };
  }

  /** Loaded on first use: a server that never reads offline does not pay for the runtime. */
  private open(): Promise<Runtime> {
    this.runtime ??= import('onnxruntime-node').then(async ({ InferenceSession, Tensor }) => ({
      session: await InferenceSession.create(this.modelFile.pathname, {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        enableCpuMemArena: false,
      }),
      Tensor,
      vectors: WordVectors.read(this.vectorsDir),
    }));
    return this.runtime;
  }
}
