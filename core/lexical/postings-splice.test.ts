import { describe, expect, it } from 'vitest';
import { random } from '../../evals/synthetic.js';
import { Bm25Index } from './bm25.js';
import { AWKWARD } from './sample-texts.fixture.js';

const WORDS = 'river bridge council harbour museum railway festival market school tower café naïve'.split(' ');

/** A new document list as a splice of `old`: some removed, some new ones put in between; `from` traces each back. */
function spliced(old: string[], rand: () => number) {
  const texts: string[] = [];
  const from: number[] = [];
  const fresh = () => {
    const n = 1 + Math.floor(rand() * 12);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
    // Now and then a word no document had: the dictionary grows.
    if (rand() < 0.3) words.push(`new${Math.floor(rand() * 1e6)}`);
    return words.join(' ');
  };
  old.forEach((text, i) => {
    if (rand() < 0.1) (texts.push(fresh()), from.push(-1));
    if (rand() < 0.85) (texts.push(text), from.push(i));
  });
  if (rand() < 0.5) (texts.push(fresh()), from.push(-1));
  return { docs: texts.map((text, id) => ({ id, text })), from: Int32Array.from(from) };
}

describe('splicePostings (Bm25Index.build with `from`)', () => {
  it('gives the postings a full build from the previous index gives, byte for byte, with the same scores', async () => {
    const rand = random(7);
    for (let round = 0; round < 40; round++) {
      const old = Array.from({ length: 30 }, (_, i) =>
        i < AWKWARD.length && round % 2 === 0
          ? AWKWARD[i]!
          : Array.from({ length: 1 + Math.floor(rand() * 15) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(
              ' ',
            ),
      );
      const chunks = old.map((text, id) => ({ id, text }));
      const index = await Bm25Index.build(chunks);
      const { docs, from } = spliced(old, rand);
      const full = await Bm25Index.build(docs, undefined, { index, chunks });
      const fast = await Bm25Index.build(docs, undefined, { index, chunks, from });
      expect(fast.toBinary().equals(full.toBinary())).toBe(true);
      expect(fast.search('river harbour café', 10)).toEqual(full.search('river harbour café', 10));
    }
  });

  it('falls back to the full build when nothing is kept (a builder starts its dictionary afresh)', async () => {
    const chunks = ['river bridge', 'harbour tower'].map((text, id) => ({ id, text }));
    const index = await Bm25Index.build(chunks);
    const docs = [{ id: 0, text: 'museum market' }];
    const fast = await Bm25Index.build(docs, undefined, { index, chunks, from: Int32Array.of(-1) });
    expect(fast.toBinary().equals((await Bm25Index.build(docs)).toBinary())).toBe(true);
  });
});
