import { stem, words } from '../text/tokenize.js';

/**
 * Names and numbers the question mentions (capitalised words past its first word, and digits)
 * that the passage never says. A passage about Pakistan's prime minister does not answer a
 * question about India's; this is how the answerer tells.
 */
export function missingNames(question: string, passage: string): string[] {
  const present = new Set(words(passage).map((t) => t.stem));
  const out: string[] = [];
  for (const [i, token] of words(question).entries()) {
    const surface = question.slice(token.start, token.end);
    const name = i > 0 && /^\p{Lu}/u.test(surface);
    const number = /\d/.test(surface);
    if ((name || number) && !present.has(stem(token.word))) out.push(surface);
  }
  return out;
}
