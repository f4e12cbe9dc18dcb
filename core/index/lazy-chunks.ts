/**
 * A generation's chunks with their texts left in chunks.bin's UTF-8 bytes until one is read. A
 * server swapping in a new generation made 100k strings (52 MB, two thirds of a generation's heap
 * at 100k synthetic chunks) on its answering thread: the scavenges that copied them while they were
 * new and the collection of the old generation's were what held its event loop longest once the
 * reload itself ran in steps. Here the texts are one buffer, which the GC neither copies nor traces,
 * and `chunk.text` is an enumerable accessor decoding the chunk's bytes when read: spread, JSON and
 * deep equality see the same chunk as the eager reader's (chunk-file.ts).
 */
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Chunk } from '../types.js';
import {
  buildRange,
  COLUMNS,
  decodeHeadInSteps,
  decodeRange,
  headBytes,
  HEADER_BYTES,
  type ChunkHead,
} from './chunk-codec.js';
import { readAt } from './chunk-file.js';

/** Chunk objects made per turn of the event loop: about 2 ms (4,096 took 8 ms of CPU at 100k). */
export const STEP_CHUNKS = 1024;

export async function readChunksLazily(file: string, step = STEP_CHUNKS): Promise<Chunk[]> {
  const handle = await open(file, 'r');
  let head: ChunkHead;
  let bytes: Buffer;
  try {
    const { size } = await handle.stat();
    const header = await readAt(handle, 0, Math.min(size, HEADER_BYTES));
    head = await decodeHeadInSteps(await readAt(handle, 0, Math.min(size, headBytes(header))), size, nextTurn);
    // One read on libuv's threads, however long: nothing of it is decoded on this thread.
    bytes = await readAt(handle, head.textAt, size - head.textAt);
  } finally {
    await handle.close();
  }
  const chunks: Chunk[] = new Array<Chunk>(head.count);
  // The accessor finds a chunk's bytes by the id it was read with; an index whose ids are not positions (none is
  // written so) is decoded eagerly from the same bytes.
  const put = positional(head) ? lazyText(bytes, head.ends) : undefined;
  for (let from = 0; from < head.count; from += step) {
    const to = Math.min(head.count, from + step);
    if (put) buildRange(head, from, to, chunks, put);
    else decodeRange(head, bytes, head.textAt, from, to, chunks);
    if (to < head.count) await nextTurn();
  }
  return chunks;
}

/** Whether every chunk's id is its position and the text ends never go back (checked once, not per read). */
function positional({ columns, ends, count }: ChunkHead): boolean {
  for (let i = 0; i < count; i++) {
    if (columns[i * COLUMNS] !== i) return false;
    if (i > 0 && ends[i]! < ends[i - 1]!) throw new Error(`chunk ${i} is damaged`);
  }
  return true;
}

/**
 * Where a chunk's text stands in the file: its id when read, kept apart from the id because a
 * generation spliced from a base file and chunks-added.bin renumbers the base's chunks
 * (chunk-delta.ts). Not enumerable, so spread, JSON and deep equality do not see it.
 */
const TEXT_AT = Symbol('text position');

/** Defines `text` on a chunk as a getter shared by all of a generation's chunks (so they share one shape). */
function lazyText(bytes: Buffer, ends: Uint32Array): (chunk: Chunk) => void {
  const descriptor: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: Chunk & { [TEXT_AT]: number }): string {
      const i = this[TEXT_AT];
      return bytes.toString('utf8', i > 0 ? ends[i - 1]! : 0, ends[i]!);
    },
  };
  return (chunk) => {
    Object.defineProperty(chunk, TEXT_AT, { value: chunk.id });
    Object.defineProperty(chunk, 'text', descriptor);
  };
}
