import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { ingest } from '../ingest/ingest.js';

/** Seeded, so every run writes the same corpus. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** `files` documents of 20 twelve-word sentences drawn from `vocabulary`: a corpus large enough to show how ingest scales. */
async function writeCorpus(dir: string, files: number, vocabulary: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const next = random(7);
  const sentence = () =>
    `${Array.from({ length: 12 }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ')}.`;
  for (let i = 0; i < files; i++)
    await writeFile(path.join(dir, `f${i}.txt`), Array.from({ length: 20 }, sentence).join(' '));
}

/** Time of one ingest and the longest the event loop was blocked during it (what a server's questions would wait). */
async function measured(run: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  delay.disable();
  return { ms, stallMs: delay.max / 1e6 };
}

/**
 * Ingest of a larger synthetic corpus: a full build, then one file added. Adding a file updates the
 * previous vector graph in place, so it should cost a small fraction of the full build, and no
 * step should hold the event loop for long.
 */
export async function benchLargeIngest(
  root: string,
  provider: EmbedderProvider,
  vocabulary: string[],
  files = 2000,
): Promise<[string, string, string][]> {
  const docsDir = path.join(root, 'large-docs');
  const indexDir = path.join(root, 'large-index');
  await writeCorpus(docsDir, files, vocabulary);
  const full = await measured(() => ingest({ docsDir, indexDir, provider }));
  await writeFile(
    path.join(docsDir, 'added.txt'),
    'A new file about the shrew named Pip, who lives under the library steps.',
  );
  const added = await measured(() => ingest({ docsDir, indexDir, provider }));
  return [
    [
      `full ingest (${files} synthetic files)`,
      `${full.ms.toFixed(0)} ms`,
      `longest event-loop stall ${full.stallMs.toFixed(0)} ms`,
    ],
    [
      '  then one file added',
      `${added.ms.toFixed(0)} ms`,
      `${(added.ms / full.ms).toFixed(2)}× of full; longest stall ${added.stallMs.toFixed(0)} ms`,
    ],
  ];
}
