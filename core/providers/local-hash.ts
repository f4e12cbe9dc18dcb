import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Embeddings } from '@langchain/core/embeddings';
import { z } from 'zod/v4';
import { isStopWord, words } from '../text/tokenize.js';
import type { EmbedderProvider, EmbedderSpec, FittedEmbedder } from '../embed/embedder.js';

export interface LocalHashSettings {
  dimensions: number;
  /** Character n-gram sizes taken inside each word (with boundary marks), for spelling and morphology. */
  charNgrams: number[];
  charWeight: number;
  bigramWeight: number;
}

/**
 * 1,024 dimensions, kept by measurement (evals/ab-vectors.ts, SQuAD 2.0 dev, choose split, 2,124
 * questions, one process): 512 and 256 dimensions answer worse (F1 0.430 -> 0.425 / 0.424, recall@5
 * 0.959 -> 0.957 / 0.958), though a 256-dimension vector takes a quarter of the memory and insertion
 * time; the passage ranker's similarity feature was learned on these vectors. See docs/performance.md.
 */
export const DEFAULT_LOCAL_HASH: LocalHashSettings = {
  dimensions: 1024,
  charNgrams: [3, 4],
  charWeight: 0.35,
  bigramWeight: 0.5,
};

const StateSchema = z.object({ documents: z.number(), idf: z.array(z.number()) });
type State = z.infer<typeof StateSchema>;

interface Feature {
  bucket: number;
  sign: number;
  weight: number;
}

/** FNV-1a, 32 bit: fast, stable across platforms and runs. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function features(text: string, s: LocalHashSettings): Feature[] {
  const out: Feature[] = [];
  const add = (key: string, weight: number) => {
    const h = fnv1a(key);
    out.push({ bucket: h % s.dimensions, sign: h & 0x80000000 ? -1 : 1, weight });
  };
  const content = words(text).filter((t) => !isStopWord(t.word));
  content.forEach((t, i) => {
    add(`w:${t.stem}`, 1);
    const next = content[i + 1];
    if (next) add(`b:${t.stem} ${next.stem}`, s.bigramWeight);
    const marked = `<${t.word}>`;
    for (const n of s.charNgrams) {
      const grams = Math.max(0, marked.length - n + 1);
      for (let j = 0; j < grams; j++) add(`c:${marked.slice(j, j + n)}`, s.charWeight / Math.max(1, grams / 2));
    }
  });
  return out;
}

/**
 * Hashed word, word-bigram and character n-gram features weighted by IDF fitted on the corpus:
 * a deterministic, offline embedding. It knows no synonyms; it exists so the vector path is real
 * and so a neural model can replace it without touching anything else.
 */
export class LocalHashEmbeddings extends Embeddings {
  constructor(
    private readonly settings: LocalHashSettings,
    private readonly state: State,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  vector(text: string): number[] {
    const v = new Array<number>(this.settings.dimensions).fill(0);
    const tf = new Map<number, { sign: number; weight: number }>();
    for (const f of features(text, this.settings)) {
      const key = f.bucket * 2 + (f.sign > 0 ? 1 : 0);
      const prev = tf.get(key);
      tf.set(key, { sign: f.sign, weight: (prev?.weight ?? 0) + f.weight });
    }
    for (const [key, { sign, weight }] of tf) {
      const bucket = key >> 1;
      v[bucket] = (v[bucket] ?? 0) + sign * (1 + Math.log(1 + weight)) * (this.state.idf[bucket] ?? 1);
    }
    const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    return norm > 0 ? v.map((x) => x / norm) : v.map((_, i) => (i === 0 ? 1 : 0));
  }
}

export function localHashProvider(settings: LocalHashSettings = DEFAULT_LOCAL_HASH): EmbedderProvider {
  const spec: EmbedderSpec = { provider: 'local', model: 'hashed-ngrams-v2', settings: { ...settings } };
  const wrap = (state: State): FittedEmbedder => ({ embeddings: new LocalHashEmbeddings(settings, state), state });
  return {
    spec,
    async fit(texts) {
      const df = new Array<number>(settings.dimensions).fill(0);
      for (const [i, text] of texts.entries()) {
        const buckets = new Set(features(text, settings).map((f) => f.bucket));
        for (const b of buckets) df[b] = (df[b] ?? 0) + 1;
        // A fit over a large corpus takes seconds; a server ingesting must keep answering meanwhile.
        if (i % 256 === 255) await yieldToLoop();
      }
      const n = texts.length;
      const idf = df.map((d) => Number((Math.log((n + 1) / (d + 1)) + 1).toFixed(5)));
      return wrap({ documents: n, idf });
    },
    restore(state) {
      return wrap(StateSchema.parse(state));
    },
  };
}
