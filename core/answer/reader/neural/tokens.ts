/**
 * The neural reader's tokens, cut exactly as evals/reader/drqa/prep.py cut its training text (Python's
 * `\w+|[^\w\s]`): a run of letters, digits and underscores, or one other non-space character.
 */
const TOKEN = /[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu;

export interface WordToken {
  text: string;
  /** Offsets in the text it was cut from. */
  start: number;
  end: number;
}

export function wordTokens(text: string): WordToken[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Sentences as training cut them: after `.`, `?` or `!` when the next token starts with a capital. */
export function tokenSentences(tokens: readonly WordToken[]): [number, number][] {
  const out: [number, number][] = [];
  let begin = 0;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if ('.?!'.includes(t.text) && (!next || startsUpper(next.text))) {
      out.push([begin, i + 1]);
      begin = i + 1;
    }
  });
  if (begin < tokens.length) out.push([begin, tokens.length]);
  return out;
}

export const startsUpper = (word: string): boolean => /^\p{Lu}/u.test(word);
export const startsDigit = (word: string): boolean => /^\p{Nd}/u.test(word);

/** Longest window the model was trained on, in tokens. */
export const WINDOW_TOKENS = 100;

/**
 * The window the model reads for the sentence holding token `at`: that sentence with one either side,
 * as in training. A longer one keeps the whole sentence if it can, then as much of the one before.
 */
export function windowAround(sentences: readonly [number, number][], at: number): [number, number] {
  const k = sentences.findIndex(([a, b]) => a <= at && at < b);
  if (k < 0) return [at, at];
  let start = sentences[Math.max(0, k - 1)]![0];
  let end = sentences[Math.min(sentences.length - 1, k + 1)]![1];
  const [from, to] = sentences[k]!;
  if (end - start > WINDOW_TOKENS) start = Math.max(start, Math.min(from, to - WINDOW_TOKENS));
  end = Math.min(end, start + WINDOW_TOKENS);
  return [start, end];
}
