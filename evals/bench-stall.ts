/**
 * Serving while ingesting, for `npm run bench`: a server (in this process, as `npm start` runs it,
 * WATCH=1) over the synthetic corpus has files added to its folder; the watcher re-indexes them in
 * the background and swaps the new generation in. Measured: the longest the server's event loop was
 * held meanwhile (perf_hooks monitorEventLoopDelay), and the slowest of the questions asked every
 * 50 ms over HTTP during it, beside the same event loop left idle for as long (the machine's own noise).
 */
import { cp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../core/config.js';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { ingest } from '../ingest/ingest.js';
import { startServer } from '../server/start.js';
import type { BenchRow } from './bench-table.js';
import { writeSyntheticCorpus } from './synthetic.js';

export interface StallBenchOptions {
  root: string;
  /** A folder of documents to serve (copied). */
  corpus: string;
  /** Chunks added while serving. */
  added: number;
  provider: EmbedderProvider;
  log: (line: string) => void;
}

const QUESTIONS = ['When did the Normans conquer England?', 'Who was the first Norman king?', 'What is a shrew?'];

async function idleDelay(ms: number): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await sleep(ms);
  delay.disable();
  return delay.max / 1e6;
}

export async function benchStall(o: StallBenchOptions): Promise<BenchRow[]> {
  const docs = path.join(o.root, 'stall-docs');
  const indexDir = path.join(o.root, 'stall-index');
  await cp(o.corpus, docs, { recursive: true });
  const first = await ingest({ docsDir: docs, indexDir, provider: o.provider, threads: true });
  const config = loadConfig({
    ...process.env,
    DOCS_DIR: docs,
    INDEX_DIR: indexDir,
    DATA_DIR: path.join(o.root, 'stall-data'),
    PORT: '0',
    HOST: '127.0.0.1',
    WATCH: '1',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_RPM: '0',
    WORKERS: '1',
  });
  const running = await startServer(config, o.provider);
  let slowest = 0;
  let asked = 0;
  // The same few questions over and over, as the answers to them are cached per index generation:
  // what is measured is the re-index and the swap, not fresh answers.
  const ask = async () => {
    const t = performance.now();
    const res = await fetch(`${running.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: QUESTIONS[asked++ % QUESTIONS.length] }),
    });
    await res.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - t);
  };
  try {
    while (!running.holder.current) await sleep(50);
    const before = running.holder.current.generation;
    // A server that has answered before (the first answer loads the tagger's lexicon, a few hundred ms).
    for (let i = 0; i < QUESTIONS.length; i++) await ask();
    // Written beside the folder first and moved in at once: writing them is the bench's work, not the server's.
    const staged = path.join(o.root, 'stall-added');
    const added = await writeSyntheticCorpus(staged, o.added);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const started = performance.now();
    delay.enable();
    await rename(staged, path.join(docs, 'added'));
    slowest = 0;
    asked = 0;
    while (running.holder.current.generation === before) await Promise.all([ask(), sleep(50)]);
    const ms = performance.now() - started;
    // And the first answers from the new generation (its answer cache starts empty).
    for (const end = performance.now() + 1000; performance.now() < end;) await Promise.all([ask(), sleep(50)]);
    delay.disable();
    const stall = delay.max / 1e6;
    const idle = await idleDelay(Math.min(ms, 10_000));
    o.log(`  re-index while serving: ${(ms / 1000).toFixed(1)} s, ${asked} questions, stall ${stall.toFixed(0)} ms`);
    const what = `+${added.files} files (${(added.bytes / 1e6).toFixed(1)} MB) to ${first.chunks} chunks, WATCH=1`;
    return [
      {
        name: `longest event-loop stall of the server during a background re-index (${what})`,
        value: stall,
        unit: 'ms',
        baseline: { name: 'the same event loop idle as long', value: idle },
        target: '≤ 50 ms',
      },
      { name: 'slowest answer over HTTP during the re-index', value: slowest, unit: 'ms' },
      { name: 'change seen to new generation live', value: ms / 1000, unit: 's' },
    ];
  } finally {
    await running.close();
    await rm(docs, { recursive: true, force: true });
  }
}
