import { describe, expect, it } from 'vitest';
import { fuseRankings } from './fusion.js';

describe('fuseRankings', () => {
  it('lets the heavier list decide disagreements and rewards agreement', () => {
    const fused = fuseRankings([
      { ids: [1, 2, 3], weight: 1 },
      { ids: [3, 2, 1], weight: 0.25 },
    ]);
    expect(fused.map((f) => f.id)).toEqual([1, 2, 3]);
    const agree = fuseRankings([
      { ids: [5, 6], weight: 1 },
      { ids: [6], weight: 1 },
    ]);
    expect(agree[0]?.id).toBe(6);
  });

  it('ignores lists with no weight', () => {
    expect(
      fuseRankings([
        { ids: [1], weight: 0 },
        { ids: [2], weight: 1 },
      ]).map((f) => f.id),
    ).toEqual([2]);
  });
});
