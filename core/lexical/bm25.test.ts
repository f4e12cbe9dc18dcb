import { describe, expect, it } from 'vitest';
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

  it('round-trips through JSON with identical scores', async () => {
    const index = await Bm25Index.build(docs);
    const copy = Bm25Index.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(copy.search('migrants border UN', 4)).toEqual(index.search('migrants border UN', 4));
  });
});
