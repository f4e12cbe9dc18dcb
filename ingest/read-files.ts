/** The read stage of a run: every file hashed, and converted to text only when its bytes are new to the index. */
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Manifest } from '../core/index/manifest.js';
import { faultPoint } from '../core/index/fault.js';
import { extract, readBytes, type FileStat, type LoadLimits, type ReadBytes, type Structure } from './load.js';
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
  /** The stat to record with the file (see STABLE_AFTER_MS): absent when it changed too recently to trust. */
  stat?: FileStat;
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
/** Stats (no bytes held) go further ahead: a run over an unchanged large folder is mostly stats. */
const STAT_AHEAD = 64;

/**
 * A file's stat is recorded, and trusted by the next run instead of reading the file, only when its
 * last change (ctime, which no tool can set back, and mtime) is this long before the run began. A
 * write in the same tick of a coarse clock as the one the run saw (FAT's mtime has 2 s steps, Linux's
 * timestamps a few milliseconds) could otherwise leave the size and times as they were; a file
 * changed later than that has a later ctime.
 */
export const STABLE_AFTER_MS = 2_000;

const sameStat = (a: FileStat, b: FileStat) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/** A file the previous run hashed whose stat is still the one recorded: its bytes are taken as the same, unread. */
type Probed = ReadBytes | { ok: true; same: true; hash: string; stat: FileStat };

/** Whether the file's stat is still the one recorded with `known` (a stat, no read). */
async function unchangedStat(
  absolute: string,
  known: Manifest['files'][string] | undefined,
  limits: LoadLimits,
): Promise<Probed | undefined> {
  if (!known?.stat || known.stat.size > limits.maxFileBytes) return undefined;
  // Synchronous: on a warm cache a stat is a few microseconds, and the promise's round trip through
  // libuv's pool cost about 30 µs of this thread's time each (0.2 s of a one-file re-index of 6,900 files).
  let now: Stats | undefined;
  try {
    now = statSync(absolute, { throwIfNoEntry: false });
  } catch {
    now = undefined;
  }
  const seen = now && { size: now.size, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs, ino: now.ino };
  return seen && now?.isFile() && sameStat(seen, known.stat)
    ? { ok: true, same: true, hash: known.hash, stat: known.stat }
    : undefined;
}

/** Same bytes and same kind of file: one conversion serves both (a moved .txt, not a .txt renamed .md). */
const sameBytes = (hash: string, source: string) => `${hash} ${path.extname(source).toLowerCase()}`;

/**
 * Hash every file whose stat is not the one recorded when the previous run hashed it (STABLE_AFTER_MS);
 * convert only those whose bytes are not already indexed (under any path: a moved
 * or renamed file keeps its chunks and vectors), nor failed to convert under the same limits.
 * Failures become skips and are remembered.
 */
export async function readFiles(
  found: FoundFile[],
  before: { files: Manifest['files']; failed: Failures },
  limits: LoadLimits,
  skipped: Skip[],
  onProgress?: (event: ProgressEvent) => void,
  /** When the run began (ms since the epoch): stats of files changed within STABLE_AFTER_MS of it are not recorded. */
  runStart = Date.now(),
): Promise<{ files: ReadFile[]; failed: Failures; converted: number; hashed: number }> {
  const files: ReadFile[] = [];
  const failed: Failures = {};
  let converted = 0;
  let hashed = 0;
  const settled = (s: FileStat) =>
    s.ctimeMs + STABLE_AFTER_MS < runStart && s.mtimeMs + STABLE_AFTER_MS < runStart ? s : undefined;
  const key = limitsKey(limits);
  const indexed = new Map(Object.entries(before.files).map(([source, f]) => [sameBytes(f.hash, source), source]));
  const failedBytes = new Map(Object.entries(before.failed).map(([source, f]) => [sameBytes(f.hash, source), f]));
  const stats: (Promise<Probed | undefined> | undefined)[] = [];
  const reads: (Promise<Probed> | undefined)[] = [];
  const readAhead = (upTo: number) => {
    for (let j = stats.length; j < Math.min(upTo - READ_AHEAD + STAT_AHEAD, found.length); j++)
      stats.push(unchangedStat(found[j]!.absolute, before.files[found[j]!.source], limits));
    for (let j = reads.length; j < Math.min(upTo, found.length); j++) {
      const absolute = found[j]!.absolute;
      reads.push(stats[j]!.then((same) => same ?? readBytes(absolute, limits.maxFileBytes)));
      stats[j] = undefined;
    }
  };
  for (const [i, file] of found.entries()) {
    readAhead(i + 1 + READ_AHEAD);
    const read = await reads[i]!;
    // Not kept once taken: the bytes are the file's to convert, then garbage.
    reads[i] = undefined;
    if (read.ok && 'same' in read) {
      files.push({ source: file.source, hash: read.hash, reuses: file.source, stat: read.stat });
      onProgress?.({
        phase: 'read',
        done: i + 1,
        total: found.length,
        source: file.source,
        bytes: read.stat.size,
        outcome: 'unchanged',
      });
      faultPoint('ingest:read');
      // Only a stat: a yield every few files is enough.
      if (i % 64 === 63) await yieldToLoop();
      continue;
    }
    if (read.ok) hashed += 1;
    const stable = read.ok ? settled(read.stat) : undefined;
    const bytes = read.ok ? sameBytes(read.hash, file.source) : '';
    const reuses = read.ok
      ? before.files[file.source]?.hash === read.hash
        ? file.source
        : indexed.get(bytes)
      : undefined;
    const failedBefore = read.ok ? failedBytes.get(bytes) : undefined;
    if (!read.ok) skipped.push({ source: file.source, reason: read.reason });
    else if (reuses) files.push({ source: file.source, hash: read.hash, reuses, stat: stable });
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
          stat: stable,
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
  return { files, failed, converted, hashed };
}
