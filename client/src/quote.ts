/** The cited sentence around a short answer, with the answer itself picked out. */
export interface AnswerInQuote {
  before: string;
  answer: string;
  after: string;
}

/** Longer than this, an answer is prose that stands on its own (a model's), not a phrase needing its sentence. */
const SHORT_ANSWER = 120;

/**
 * Where a short answer stands in its first citation's quote, or nothing when the answer is prose,
 * the whole quote, or not in it verbatim (a model may paraphrase). The extractive answerer answers
 * with a phrase taken verbatim from the sentence it cites; alone, "X" says little.
 */
export function answerInQuote(answer: string, quote: string | undefined): AnswerInQuote | undefined {
  const phrase = answer.trim();
  if (!quote || !phrase || phrase.length > SHORT_ANSWER || phrase.includes('\n')) return undefined;
  const at = wholeWordIndex(quote, phrase);
  if (at < 0 || phrase.length >= quote.trim().length) return undefined;
  return { before: quote.slice(0, at), answer: phrase, after: quote.slice(at + phrase.length) };
}

/** Where `phrase` stands as whole words in `text` ("Salo" in "Salomon met Salo" is the second), else its first place. */
function wholeWordIndex(text: string, phrase: string): number {
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    if (!isWord(text[at - 1]) && !isWord(text[at + phrase.length])) return at;
  }
  return text.indexOf(phrase);
}
