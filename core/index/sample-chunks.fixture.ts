import type { Chunk } from '../types.js';

/** Chunks of every shape the codec handles: pages, sections, rare fields, empty and multi-byte texts, one long text. */
export function sampleChunks(): Chunk[] {
  const out: Chunk[] = [];
  for (let id = 0; id < 300; id++) {
    const text = id === 7 ? 'ü'.repeat(5000) : id % 50 === 3 ? '' : `chunk ${id} δεκα 🙂 ${'x'.repeat(id % 40)}`;
    const chunk: Chunk = {
      source: `f${id % 9}.md`,
      startLine: id,
      endLine: id + 1,
      startOffset: id,
      endOffset: id + 2,
      id,
      text,
    };
    if (id % 5 === 0) chunk.page = 1 + (id % 3);
    if (id % 4 === 0) chunk.section = `S ${id % 6}`;
    if (id % 97 === 0) chunk.tableHeading = '| a |';
    if (id % 61 === 0) chunk.alsoIn = [{ source: 'dup.md', startLine: 1, endLine: 1, startOffset: 0, endOffset: 3 }];
    out.push(chunk);
  }
  return out;
}
