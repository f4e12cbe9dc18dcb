import { describe, expect, it } from 'vitest';
import { tokenSentences, windowAround, WINDOW_TOKENS, wordTokens } from './tokens.js';

describe('the neural reader’s tokens', () => {
  it('cuts words and single marks as training did, keeping offsets', () => {
    const text = 'Café x_y costs £3.50 (naïve).';
    const tokens = wordTokens(text);
    expect(tokens.map((t) => t.text)).toEqual(['Café', 'x_y', 'costs', '£', '3', '.', '50', '(', 'naïve', ')', '.']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('ends a sentence at a full stop only before a capital', () => {
    const tokens = wordTokens('It cost 3.5 million. then more. Then less');
    const sentences = tokenSentences(tokens).map(([a, b]) =>
      tokens
        .slice(a, b)
        .map((t) => t.text)
        .join(' '),
    );
    expect(sentences).toEqual(['It cost 3 . 5 million . then more .', 'Then less']);
  });

  it('reads a sentence with one either side, within the trained length', () => {
    const sentences: [number, number][] = [
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
    ];
    expect(windowAround(sentences, 25)).toEqual([10, 40]);
    expect(windowAround(sentences, 3)).toEqual([0, 20]);
    const long: [number, number][] = [
      [0, 80],
      [80, 150],
      [150, 300],
    ];
    expect(windowAround(long, 90)).toEqual([50, 150]);
    const [a, b] = windowAround(long, 200);
    expect([a, b - a]).toEqual([150, WINDOW_TOKENS]);
  });
});
