/** The read stage of a run: every file hashed, and converted to text only when its bytes are new to the index. */
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Manifest } from '../core/index/manifest.js';
import { faultPoint } from '../core/index/fault.js';
import { extract, readBytes, type LoadLimits, type Structure } from './load.js';
import type { FoundFile, Skip } from './walk.js';
import type { ProgressEvent } from './ingest.js';

export interface ReadFile {
  source: string;
  hash: string;
  /** Present when the file was (re)converted in this run. */
  text?: string;
  structure?: Structure;
  /**
   * The indexed file whose chunks this one takes over, unconverted: itself when unchanged, or the
   * same bytes under another path (moved, renamed or copied).
   */
  reuses?: string;
}

export type Failures = NonNullable<Manifest['failed']>;
export type Skipped = NonNullable<Manifest['skipped']>;

/** The limits a conversion can fail by; a file that failed under other limits is tried again. */
const limitsKey = (limits: LoadLimits) => `text ${limits.maxTextChars}, ${limits.timeoutMs} ms`;

/**
 * Files read ahead of the one being converted: each read is a few round trips to libuv's thread
 * pool (open, stat, read, close), which on a busy machine left this thread idle for half the read
 * stage of 345 small files. A few at a time, as large files can be tens of megabytes.
 */
const READ_AHEAD = 4;

/** Same bytes and same kind of file: one conversion serves both (a moved .txt, not a .txt renamed .md). */
const sameBytes = (hash: string, source: string) => `${hash} ${path.extname(source).toLowerCase()}`;

/**
 * Hash every file; convert only those whose bytes are not already indexed (under any path: a moved
 * or renamed file keeps its chunks and vectors), nor failed to convert under the same limits.
 * Failures become skips and are remembered.
 */
export async function readFiles(
  found: FoundFile[],
  before: { files: Manifest['files']; failed: Failures },
  limits: LoadLimits,
  skipped: Skip[],
  onProgress?: (event: ProgressEvent) => void,
): Promise<{ files: ReadFile[]; failed: Failures; converted: number }> {
  const files: ReadFile[] = [];
  const failed: Failures = {};
  let converted = 0;
  const key = limitsKey(limits);
  const indexed = new Map(Object.entries(before.files).map(([source, f]) => [sameBytes(f.hash, source), source]));
  const failedBytes = new Map(Object.entries(before.failed).map(([source, f]) => [sameBytes(f.hash, source), f]));
  const reads: (ReturnType<typeof readBytes> | undefined)[] = [];
  const readAhead = (upTo: number) => {
    for (let j = reads.length; j < Math.min(upTo, found.length); j++)
      reads.push(readBytes(found[j]!.absolute, limits.maxFileBytes));
  };
  for (const [i, file] of found.entries()) {
    readAhead(i + 1 + READ_AHEAD);
    const read = await reads[i]!;
    // Not kept once taken: the bytes are the file's to convert, then garbage.
    reads[i] = undefined;
    const bytes = read.ok ? sameBytes(read.hash, file.source) : '';
    const reuses = read.ok
      ? before.files[file.source]?.hash === read.hash
        ? file.source
        : indexed.get(bytes)
      : undefined;
    const failedBefore = read.ok ? failedBytes.get(bytes) : undefined;
    if (!read.ok) skipped.push({ source: file.source, reason: read.reason });
    else if (reuses) files.push({ source: file.source, hash: read.hash, reuses });
    else if (failedBefore?.hash === read.hash && failedBefore.limits === key) {
      failed[file.source] = failedBefore;
      skipped.push({ source: file.source, reason: failedBefore.reason });
    } else {
      const loaded = await extract(read, path.extname(file.absolute), limits);
      converted += 1;
      if (loaded.ok)
        files.push({
          source: file.source,
          hash: read.hash,
          text: loaded.text,
          structure: { pageStarts: loaded.pageStarts, headings: loaded.headings },
        });
      else {
        if (!loaded.transient) failed[file.source] = { hash: read.hash, reason: loaded.reason, limits: key };
        skipped.push({ source: file.source, reason: loaded.reason });
      }
    }
    const outcome =
      !read.ok || skipped.at(-1)?.source === file.source
        ? 'skipped'
        : files.at(-1)?.source === file.source && !('text' in files.at(-1)!)
          ? 'unchanged'
          : 'converted';
    onProgress?.({
      phase: 'read',
      done: i + 1,
      total: found.length,
      source: file.source,
      bytes: read.ok ? read.bytes.length : 0,
      outcome,
    });
    faultPoint('ingest:read');
    // Conversion is CPU work on the server's thread: let questions in between files.
    await yieldToLoop();
  }
  return { files, failed, converted };
}
