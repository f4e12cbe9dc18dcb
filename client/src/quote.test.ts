import { describe, expect, it } from 'vitest';
import { answerInQuote } from './quote.js';

describe('answerInQuote', () => {
  const quote = 'Khan later wrote on social media platform X that the talks had gone well.';

  it('picks a short answer out of the sentence it was taken from', () => {
    expect(answerInQuote('X', quote)).toEqual({
      before: 'Khan later wrote on social media platform ',
      answer: 'X',
      after: ' that the talks had gone well.',
    });
  });

  it('marks the answer where it stands as a word, not inside a longer one', () => {
    expect(answerInQuote('Salo', 'Salomon met Salo in Kabul.')).toEqual({
      before: 'Salomon met ',
      answer: 'Salo',
      after: ' in Kabul.',
    });
  });

  it('shows nothing for prose, the whole sentence, a paraphrase or no quote', () => {
    expect(answerInQuote(`${'A long answer. '.repeat(10)}`, quote)).toBeUndefined();
    expect(answerInQuote(quote, quote)).toBeUndefined();
    expect(answerInQuote('on X', quote)).toBeUndefined();
    expect(answerInQuote('X', undefined)).toBeUndefined();
    expect(answerInQuote('two\nlines', 'two\nlines and more')).toBeUndefined();
  });
});
