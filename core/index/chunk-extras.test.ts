import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { ChunkLocationSchema } from '../location.js';
import { checkedExtras, checkedExtrasInSteps } from './chunk-extras.js';

/** What the chunks file's extras were checked with before: the hand check must agree with it. */
const ExtrasSchema = z.record(
  z.string(),
  z.object({ alsoIn: z.array(ChunkLocationSchema).optional(), tableHeading: z.string().optional() }),
);

const place = { source: 'a.md', startLine: 1, endLine: 2, startOffset: 0, endOffset: 9 };

describe('checkedExtras', () => {
  it('gives what the schema gives: its key order, unknown keys dropped, optional ones only when present', async () => {
    const json = JSON.parse(
      JSON.stringify({
        '3': {
          tableHeading: '| a |',
          alsoIn: [
            { endOffset: 9, section: 'S', page: 2, extra: 1, source: 'a.md', startLine: 1, endLine: 2, startOffset: 0 },
          ],
          x: 1,
        },
        '10': { alsoIn: [place, { ...place, source: 'b.md' }] },
        '12': { tableHeading: '' },
        '40': {},
      }),
    ) as unknown;
    const ours = checkedExtras(json);
    const zods = ExtrasSchema.parse(json);
    expect(ours).toStrictEqual(zods);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(zods));
    let turns = 0;
    expect(await checkedExtrasInSteps(json, async () => void turns++, 2)).toStrictEqual(zods);
    expect(turns).toBe(2);
    expect(checkedExtras({})).toStrictEqual({});
  });

  it('refuses what the schema refuses', async () => {
    const bad: unknown[] = [
      undefined,
      null,
      [],
      { '1': null },
      { '1': [] },
      { '1': { alsoIn: place } },
      { '1': { alsoIn: [{ ...place, startLine: 1.5 }] } },
      { '1': { alsoIn: [{ ...place, endOffset: 2 ** 53 }] } },
      { '1': { alsoIn: [{ ...place, source: 3 }] } },
      { '1': { alsoIn: [{ ...place, page: 0 }] } },
      { '1': { alsoIn: [{ ...place, section: 1 }] } },
      { '1': { alsoIn: [{ source: 'a.md', startLine: 1, endLine: 2, startOffset: 0 }] } },
      { '1': { alsoIn: [null] } },
      { '1': { tableHeading: 5 } },
    ];
    for (const json of bad) {
      expect(() => ExtrasSchema.parse(json), JSON.stringify(json)).toThrow();
      expect(() => checkedExtras(json), JSON.stringify(json)).toThrow(/tables of the chunks file are damaged/);
      await expect(
        checkedExtrasInSteps(json, async () => {}),
        JSON.stringify(json),
      ).rejects.toThrow(/damaged/);
    }
  });
});
