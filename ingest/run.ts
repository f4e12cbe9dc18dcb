import type { EmbedderProvider } from '../core/embed/embedder.js';
import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';
import { ProgressBar } from './progress.js';

/** Ingest with a progress bar and a printed summary: what `npm run ingest` and `npm start` show. */
export async function runIngest(options: Omit<IngestOptions, 'onProgress'> & { provider: EmbedderProvider }): Promise<IngestSummary> {
  const bar = new ProgressBar();
  const summary = await ingest({ ...options, onProgress: (e) => bar.update(e.phase, e.done, e.total) });
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
  const what = s.written ? `converted ${count(s.converted, 'file')}, embedded ${count(s.embedded, 'chunk')}${s.refitted ? ' (embedder refitted)' : ''}` : 'index already up to date';
  return `ingest: ${count(s.files, 'file')}, ${count(s.chunks, 'chunk')}${dupes} (${changes}); ${what}; ${s.seconds.toFixed(2)} s`;
}
