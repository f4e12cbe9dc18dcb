import { startsDigit, startsUpper } from './tokens.js';

/** Per passage word, what the model reads beside its vector (as evals/reader/drqa/train.py's `feats`). */
export const TOKEN_FEATURES = ['inQuestion', 'inQuestionLower', 'termFrequency', 'capitalised', 'digit'] as const;

/** The features of every passage word, one row of TOKEN_FEATURES.length numbers after another. */
export function tokenFeatures(passage: readonly string[], question: readonly string[]): Float32Array {
  const asked = new Set(question);
  const askedLower = new Set(question.map((w) => w.toLowerCase()));
  const count = new Map<string, number>();
  for (const w of passage) count.set(w.toLowerCase(), (count.get(w.toLowerCase()) ?? 0) + 1);
  const n = TOKEN_FEATURES.length;
  const out = new Float32Array(passage.length * n);
  passage.forEach((w, i) => {
    const lower = w.toLowerCase();
    out.set(
      [
        asked.has(w) ? 1 : 0,
        askedLower.has(lower) ? 1 : 0,
        (count.get(lower)! / passage.length) * 10,
        startsUpper(w) ? 1 : 0,
        startsDigit(w) ? 1 : 0,
      ],
      i * n,
    );
  });
  return out;
}
