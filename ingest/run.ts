import type { EmbedderProvider } from '../core/embed/embedder.js';
import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';
import { ProgressBar } from './progress.js';

/**
 * Ingest with a progress bar and a printed summary: what `npm run ingest` and `npm start` show.
 * `verbose`: a line per file read (its size and whether it was converted, unchanged or skipped).
 */
export async function runIngest(
  options: Omit<IngestOptions, 'onProgress'> & { provider: EmbedderProvider; verbose?: boolean },
): Promise<IngestSummary> {
  const { verbose, ...rest } = options;
  const bar = new ProgressBar(process.stderr, { verbose });
  const summary = await ingest({
    threads: true,
    ...rest,
    onProgress: (e) => (e.phase === 'read' ? bar.file(e) : bar.chunks(e.done, e.total)),
  });
  bar.clear();
  printSummary(summary);
  return summary;
}

/** Every skip on its own line with its reason, then the one-line summary. */
export function printSummary(summary: IngestSummary, log: (line: string) => void = console.log): void {
  for (const skip of summary.skipped) log(`skipped ${skip.source}: ${skip.reason}`);
  log(describe(summary));
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function describe(s: IngestSummary): string {
  const changes = `${s.added.length} added, ${s.changed.length} changed, ${s.removed.length} removed, ${s.skipped.length} skipped`;
  const dupes = s.duplicates > 0 ? `, ${s.duplicates} duplicate passages indexed once` : '';
  const what = s.written
    ? `converted ${count(s.converted, 'file')}, embedded ${count(s.embedded, 'chunk')}${s.refitted ? ' (embedder refitted)' : ''}`
    : 'index already up to date';
  return `ingest: ${count(s.files, 'file')}, ${count(s.chunks, 'chunk')}${dupes} (${changes}); ${what}; ${s.seconds.toFixed(2)} s`;
}
