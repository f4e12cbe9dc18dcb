import { describe, expect, it } from 'vitest';
import type { Chunk } from '../core/types.js';
import { dedupe, expand, placesPerFile } from './dedupe.js';

const at = (source: string, text: string, startOffset: number, extra: Partial<Chunk> = {}) => ({
  chunk: { source, text, startOffset, endOffset: startOffset + text.length, startLine: 1, endLine: 1, ...extra },
});

describe('dedupe', () => {
  it('indexes a repeated text once under its first place and lists the others with their own offsets', () => {
    const chunks = dedupe([
      [at('a.md', 'Shared.', 0, { section: 'A' }), at('a.md', 'Only in a.', 8)],
      [at('b.md', 'Shared.', 40, { section: 'B' })],
    ]);
    expect(chunks.map((c) => [c.id, c.source, c.text])).toEqual([
      [0, 'a.md', 'Shared.'],
      [1, 'a.md', 'Only in a.'],
    ]);
    expect(chunks[0]!.alsoIn).toEqual([
      { source: 'b.md', startOffset: 40, endOffset: 47, startLine: 1, endLine: 1, section: 'B' },
    ]);
    expect(placesPerFile(chunks)).toEqual(
      new Map([
        ['a.md', 2],
        ['b.md', 1],
      ]),
    );
  });

  it('expands a stored chunk back into one chunk per place', () => {
    const chunks = dedupe([[at('a.md', 'Same.', 0)], [at('b.md', 'Same.', 5)]]);
    expect(expand(chunks[0]!).map((p) => [p.source, p.startOffset, p.text])).toEqual([
      ['a.md', 0, 'Same.'],
      ['b.md', 5, 'Same.'],
    ]);
  });
});
