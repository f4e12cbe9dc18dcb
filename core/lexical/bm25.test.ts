import { describe, expect, it } from 'vitest';
import { terms } from '../text/tokenize.js';
import { Bm25Index } from './bm25.js';

const docs = [
  { id: 10, text: 'Pakistan deported Afghan migrants across the border.' },
  { id: 11, text: 'The weather in Kabul was cold and dry.' },
  { id: 12, text: 'Deportations of migrants drew criticism from the UN.' },
  { id: 13, text: 'Trade and transit links were discussed at length, trade above all.' },
];

describe('Bm25Index', () => {
  it('matches case-insensitively and across word forms (stemming)', async () => {
    const index = await Bm25Index.build(docs);
    expect(
      index
        .search('DEPORTATION', 4)
        .map((h) => h.id)
        .sort(),
    ).toEqual([10, 12]);
    expect(index.search('kabul', 1)[0]?.id).toBe(11);
  });

  it('ignores stop words and ranks by term rarity and frequency', async () => {
    const index = await Bm25Index.build(docs);
    expect(index.search('the and of', 4)).toEqual([]);
    expect(index.search('trade migrants', 4)[0]?.id).toBe(13);
  });

  it('round-trips through its binary form with identical scores', async () => {
    const index = await Bm25Index.build(docs);
    // At an odd offset, as a slice of a larger file may be: the reader copies rather than misaligns.
    const bytes = index.toBinary();
    const shifted = Buffer.concat([Buffer.alloc(1), bytes]).subarray(1);
    for (const copy of [Bm25Index.fromBinary(bytes), Bm25Index.fromBinary(shifted)]) {
      expect(copy.search('migrants border UN', 4)).toEqual(index.search('migrants border UN', 4));
      expect(copy.idf('migrant')).toBe(index.idf('migrant'));
    }
    expect(() => Bm25Index.fromBinary(bytes.subarray(0, bytes.length - 3))).toThrow(/bytes/);
  });

  it('read in steps (a server loading a generation), gives the same postings as read at once', async () => {
    // Enough distinct terms that the dictionary spans several steps of 256 KB.
    const many = Array.from({ length: 4000 }, (_, i) => ({
      id: i,
      text: `${docs[i % docs.length]!.text} ${Array.from({ length: 12 }, (_, j) => `w${i}x${j}quirk`).join(' ')}`,
    }));
    for (const index of [await Bm25Index.build(docs), await Bm25Index.build(many), await Bm25Index.build([])]) {
      const bytes = index.toBinary();
      const stepped = await Bm25Index.fromBinaryInSteps(bytes);
      expect(stepped).toEqual(Bm25Index.fromBinary(bytes));
      for (const q of ['migrants border UN', 'w3999x11quirk w17x0quirk trade'])
        expect(stepped.search(q, 5)).toEqual(index.search(q, 5));
    }
    const bytes = (await Bm25Index.build(docs)).toBinary();
    await expect(Bm25Index.fromBinaryInSteps(bytes.subarray(0, bytes.length - 3))).rejects.toThrow(/bytes/);
  });

  it('reads a format-1 index (JSON postings) with the same scores', async () => {
    const index = await Bm25Index.build(docs);
    // What format 1's build wrote: per term, [docIndex, tf] pairs flattened.
    const postings: Record<string, number[]> = {};
    const lengths = docs.map((d, i) => {
      const ts = terms(d.text);
      for (const t of new Set(ts)) (postings[t] ??= []).push(i, ts.filter((x) => x === t).length);
      return ts.length;
    });
    const old = Bm25Index.fromJSON({ params: { k1: 1.2, b: 0.75 }, docIds: docs.map((d) => d.id), lengths, postings });
    for (const q of ['migrants', 'trade migrants', 'deported UN border kabul'])
      expect(old.search(q, 4)).toEqual(index.search(q, 4));
    expect(old.search('trade', 1)[0]?.id).toBe(13);
  });

  it('keeps the k best of many matches, ties to the earlier document, as a full sort would', async () => {
    const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma'];
    const many = Array.from({ length: 300 }, (_, i) => ({
      id: 1000 + i,
      text: Array.from({ length: 1 + (i % 7) }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '),
    }));
    const index = await Bm25Index.build(many);
    const all = index.search('alpha gamma omega', many.length);
    const sorted = [...all].sort((x, y) => y.score - x.score || x.id - y.id);
    expect(all).toEqual(sorted);
    for (const k of [1, 5, 50]) expect(index.search('alpha gamma omega', k)).toEqual(all.slice(0, k));
    expect(index.searchTerms(['alpha', 'beta'], 3, [1, 0]).length).toBe(3);
  });

  it('built with the previous index reuses kept texts and scores exactly as a fresh build', async () => {
    const before = await Bm25Index.build(docs);
    // One text changed, one removed, one added, the rest moved to other ids.
    const after = [
      { id: 0, text: docs[3]!.text },
      { id: 1, text: 'Migrants crossed the border at Torkham; trade resumed.' },
      { id: 2, text: docs[0]!.text },
      { id: 3, text: docs[1]!.text },
    ];
    const reused = await Bm25Index.build(after, undefined, { index: before, chunks: docs });
    const fresh = await Bm25Index.build(after);
    for (const q of ['migrants border', 'trade', 'kabul weather cold', 'torkham deported'])
      expect(reused.search(q, 4)).toEqual(fresh.search(q, 4));
    expect(reused.idf('migrant')).toBe(fresh.idf('migrant'));
  });
});
