import type { Passage } from '../../types.js';

/**
 * How the candidate's passage is written, whatever it says: long sentences dense with numbers and
 * bracketed references (a research paper) are answered with longer spans than short encyclopaedic or
 * technical sentences. Measured, not assumed: the ranker learns what each is worth.
 */
export const PASSAGE_STYLE_FEATURES = ['passageSentenceWords', 'passageDigitShare', 'passageBracketShare'] as const;

const styleOf = new WeakMap<Passage, readonly number[]>();

export function passageStyleRow(passage: Passage): readonly number[] {
  let row = styleOf.get(passage);
  if (!row) styleOf.set(passage, (row = measure(passage.chunk.text)));
  return row;
}

function measure(text: string): number[] {
  const all = text.split(/\s+/).filter((w) => w.length > 0);
  const n = Math.max(1, all.length);
  const sentences = Math.max(1, (text.match(/[.!?](?=\s|$)/g) ?? []).length);
  const digits = all.filter((w) => /\d/.test(w)).length;
  const brackets = (text.match(/[([]/g) ?? []).length;
  return [all.length / sentences, digits / n, brackets / n];
}
