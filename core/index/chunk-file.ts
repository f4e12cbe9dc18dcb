/**
 * Reading a generation's chunks.bin (chunk-codec.ts) in pieces. A server loads a new generation
 * while it answers: decoding 100k chunk texts at once held its event loop for a few hundred
 * milliseconds, and the whole file's buffer lived beside the strings made from it. Here the texts
 * are read a piece at a time, each piece decoded in its own turn of the event loop, so no step is
 * longer than a piece and no more than a piece of the file is held at once.
 */
import { open } from 'node:fs/promises';
import type { Chunk } from '../types.js';
import { decodeHead, decodeRange, headBytes, HEADER_BYTES } from './chunk-codec.js';

/** Bytes of text read and decoded per step: about 2,000 synthetic chunks, a few milliseconds. */
export const PIECE_BYTES = 1 << 20;

export async function readChunks(file: string, pieceBytes = PIECE_BYTES): Promise<Chunk[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = await readAt(handle, 0, Math.min(size, HEADER_BYTES));
    const head = decodeHead(await readAt(handle, 0, Math.min(size, headBytes(header))), size);
    const chunks: Chunk[] = new Array<Chunk>(head.count);
    const textEnd = (i: number) => (i > 0 ? head.ends[i - 1]! : 0);
    for (let from = 0; from < head.count;) {
      // As many whole chunks as fit in a piece (at least one, however long).
      let to = from + 1;
      while (to < head.count && head.ends[to]! - textEnd(from) <= pieceBytes) to++;
      const at = head.textAt + textEnd(from);
      const texts = await readAt(handle, at, head.ends[to - 1]! - textEnd(from));
      decodeRange(head, texts, at, from, to, chunks);
      from = to;
    }
    return chunks;
  } finally {
    await handle.close();
  }
}

/** `length` bytes of the file at `position`; throws when the file ends sooner. */
export async function readAt(
  handle: Awaited<ReturnType<typeof open>>,
  position: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new Error('chunks file is truncated');
    done += bytesRead;
  }
  return buffer;
}
