import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { siblingModule } from '../core/paths.js';
import { convert } from './convert.js';
import { Isolate, type Isolated } from './isolate/isolate.js';
import { LOADERS, type LoadResult } from './loaders/index.js';
import { unsupportedReason } from './walk.js';
import type { Structure } from './loaders/types.js';

export type { Heading, Structure } from './loaders/types.js';

/** A document as the index sees it: plain text (extracted, for converted formats) that chunk offsets point into. */
export type Loaded =
  | ({ ok: true; text: string; hash: string; format: string } & Structure)
  /** `transient`: the converter itself died, which says nothing about the file; worth trying again. */
  | { ok: false; reason: string; transient?: boolean };

export interface LoadLimits {
  maxFileBytes: number;
  maxTextChars: number;
  /** Per file: a conversion still running after this is stopped and the file skipped. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxTextChars: 2_000_000,
  timeoutMs: 30_000,
};

/** What a file's stat said when its bytes were read: the next run compares it before reading them again. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export type ReadBytes = { ok: true; bytes: Buffer; hash: string; stat: FileStat } | { ok: false; reason: string };

/**
 * Read a document into the text its chunks and citations point into. The sources route reads
 * documents through here too, so the viewer shows exactly the text that was indexed (pass the
 * same limits as the ingest, or a file the ingest accepted may be refused here).
 */
export async function loadDocument(absolute: string, limits: Partial<LoadLimits> = {}): Promise<Loaded> {
  const all = { ...DEFAULT_LIMITS, ...limits };
  const read = await readBytes(absolute, all.maxFileBytes);
  if (!read.ok) return read;
  return extract(read, path.extname(absolute), all);
}

/** The raw bytes and their hash; cheap, so an unchanged file never needs converting again. */
export async function readBytes(absolute: string, maxFileBytes = DEFAULT_LIMITS.maxFileBytes): Promise<ReadBytes> {
  let bytes: Buffer;
  let stat: FileStat;
  try {
    // One handle for the size check and the read, so a file that grows in between cannot slip past the limit.
    const handle = await open(absolute, 'r');
    try {
      const { size, mtimeMs, ctimeMs, ino } = await handle.stat();
      stat = { size, mtimeMs, ctimeMs, ino };
      if (size > maxFileBytes)
        return {
          ok: false,
          reason: `file larger than ${formatMb(maxFileBytes)} (${formatMb(size)}; raise MAX_FILE_MB)`,
        };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { ok: false, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (bytes.length > maxFileBytes)
    return { ok: false, reason: `file larger than ${formatMb(maxFileBytes)} (raise MAX_FILE_MB)` };
  return { ok: true, bytes, hash: hashBytes(bytes), stat };
}

export const hashBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A converter may use this much heap; a document that needs more (a decompression bomb, a
 * pathological PDF) is skipped rather than taking the process down.
 */
const CONVERT_HEAP_MB = 1024;
const converters = new Isolate({ heapMb: CONVERT_HEAP_MB });
const CONVERT = siblingModule(import.meta.url, './convert-isolated');

/**
 * Formats read by third-party parsers of complex input (zip containers, PDF object graphs, HTML
 * trees): converted in a worker thread. Plain text, Markdown, CSV and JSON decode in linear time
 * within the size limits and are converted in place, sparing a worker's start (about 0.8 s).
 */
const ISOLATED = new Set(['.pdf', '.docx', '.html', '.htm']);

/**
 * Convert read bytes with the loader for `extension`, within the limits. Complex formats convert
 * in a worker thread, so a parser stuck in a loop or ballooning in memory is stopped at the limit
 * while the server keeps answering. Never throws.
 */
export async function extract(
  read: { bytes: Buffer; hash: string },
  extension: string,
  limits: LoadLimits,
): Promise<Loaded> {
  if (!read.hash) return extractAnew(read, extension, limits);
  const key = `${read.hash}${extension.toLowerCase()} ${limits.maxTextChars} ${limits.timeoutMs}`;
  const known = recent.get(key);
  if (known) return known;
  const loaded = await extractAnew(read, extension, limits);
  // Only successes: a failure is remembered by the manifest, and a transient one should be retried.
  if (loaded.ok) remember(key, loaded);
  return loaded;
}

/**
 * The last few successful conversions, by the bytes' hash, extension and limits. An upload is
 * converted to check it before it replaces anything, then by the ingest that indexes it; a large
 * PDF should not be read twice for that.
 */
const recent = new Map<string, Loaded>();
const RECENT_CONVERSIONS = 4;

/** The remembered conversions, to hand to an ingest thread (an upload was converted here, then indexed there). */
export function recentConversions(): [string, Loaded][] {
  return [...recent];
}

/** Remember conversions made on another thread (the oldest first, as recentConversions lists them). */
export function rememberConversions(entries: [string, Loaded][]): void {
  for (const [key, loaded] of entries) remember(key, loaded);
}

function remember(key: string, loaded: Loaded): void {
  recent.delete(key);
  recent.set(key, loaded);
  if (recent.size > RECENT_CONVERSIONS) recent.delete(recent.keys().next().value!);
}

async function extractAnew(
  read: { bytes: Buffer; hash: string },
  extension: string,
  limits: LoadLimits,
): Promise<Loaded> {
  const ext = extension.toLowerCase();
  if (!LOADERS.has(ext))
    return { ok: false, reason: unsupportedReason(extension) ?? `unsupported type "${extension}"` };
  if (read.bytes.length === 0) return { ok: false, reason: 'empty file' };
  const run = ISOLATED.has(ext)
    ? await converters.run<LoadResult>(CONVERT, 'convert', [read.bytes, ext, limits.maxTextChars], limits.timeoutMs)
    : await convertHere(read.bytes, ext, limits.maxTextChars);
  // Loaders return reasons for what they expect; anything thrown is still one file's problem, not the run's.
  if (!run.ok)
    return run.failure === 'threw'
      ? { ok: false, reason: `could not be read: ${readable(run.reason)}` }
      : { ok: false, reason: run.reason, transient: run.failure === 'crash' || undefined };
  const result = run.value;
  if (!result.ok) return result;
  if (result.text.length > limits.maxTextChars)
    return { ok: false, reason: `extracted text longer than ${limits.maxTextChars} characters (raise MAX_TEXT_CHARS)` };
  if (!result.text.trim()) return { ok: false, reason: 'no text (empty document)' };
  return { ...result, hash: read.hash };
}

/** A parser's own words, unless they only make sense to a programmer. */
function readable(reason: string): string {
  return /Maximum call stack size exceeded/i.test(reason)
    ? 'nested too deeply to read (thousands of levels of elements or brackets)'
    : reason;
}

async function convertHere(bytes: Uint8Array, extension: string, maxTextChars: number): Promise<Isolated<LoadResult>> {
  try {
    return { ok: true, value: await convert(bytes, extension, maxTextChars) };
  } catch (err) {
    return { ok: false, failure: 'threw', reason: (err as Error)?.message ?? String(err) };
  }
}

function formatMb(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
