import { describe, expect, it } from 'vitest';
import { shortenMiddle } from './shorten.js';

describe('shortenMiddle', () => {
  it('keeps a short name whole and cuts a long one in the middle, keeping both ends', () => {
    expect(shortenMiddle('notes.md', 20)).toBe('notes.md');
    expect(shortenMiddle('000_60de2d17179a020e.txt', 22)).toBe('000_60de2d1…9a020e.txt');
    expect([...shortenMiddle('000_60de2d17179a020e.txt', 18)]).toHaveLength(18);
  });

  it('cuts a title between words', () => {
    const title = shortenMiddle('Taliban Prime Minister Urges Pakistan To Halt Deportation Of Afghan Migrants', 30);
    expect(title).toBe('Taliban Prime … Migrants');
    expect(shortenMiddle('Taliban Prime Minister Urges Pakistan To Halt Deportation', 40)).toBe(
      'Taliban Prime … Halt Deportation',
    );
  });
});
