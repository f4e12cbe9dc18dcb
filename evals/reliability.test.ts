import { describe, expect, it } from 'vitest';
import type { ItemResult } from './metrics.js';
import { reliability, reliabilityTable } from './reliability.js';

const item = (confidence: number | undefined, answerable: boolean) =>
  ({ answerable, ...(confidence !== undefined ? { confidence } : {}) }) as ItemResult;

describe('reliability', () => {
  it('groups items by stated confidence and gives the share of each band that was answerable', () => {
    const rows = reliability([
      item(0.1, false),
      item(0.15, true),
      item(0.9, true),
      item(1, true),
      item(undefined, true),
    ]);
    expect(rows).toEqual([
      { from: 0, to: 0.2, items: 2, answerable: 0.5 },
      { from: 0.8, to: 1, items: 2, answerable: 1 },
    ]);
    expect(reliabilityTable(rows)).toContain('0.8–1.0      2 items  1.000 answerable');
  });

  it('is empty when no item carries a confidence', () => {
    expect(reliability([item(undefined, true)])).toEqual([]);
  });
});
