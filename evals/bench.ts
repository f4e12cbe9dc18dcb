/**
 * `npm run bench [-- <squad.json>] [--scale N] [--runs R] [--only ingest,stall,serve,index,query] [--baseline-max N]`:
 * every figure of issue 23 beside its baseline measured in the same run (the machine is shared and
 * noisy: compare ratios, not absolute numbers, between runs), as medians of R runs. --scale N sets
 * the synthetic corpus (SQuAD paragraphs, each copy varied) in chunks. Prints a table and writes it
 * with the machine and every raw figure to .eval/bench.json and .eval/bench.md (--out to change).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../core/paths.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { benchIngest } from './bench-ingest.js';
import { indexRows } from './bench-index-rows.js';
import { benchQuery } from './bench-query.js';
import { benchServe } from './bench-serve.js';
import { benchStall } from './bench-stall.js';
import { renderTable, type BenchRow } from './bench-table.js';
import { importSquad } from './squad.js';
import { writeSyntheticCorpus } from './synthetic.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    'baseline-max': { type: 'string', default: '200000' },
    out: { type: 'string', default: path.join(ROOT, '.eval/bench') },
  },
});
const file = positionals[0] ?? path.resolve(ROOT, '../shared/benchmarks/squad-v2/dev-5-articles.json');
const scale = Number(values.scale);
const runs = Number(values.runs);
const only = new Set((values.only ?? 'ingest,stall,serve,index,query').split(','));
// LangChain's ingest and its BM25Retriever grow far faster than the project's (seconds a query at 100k):
// above this many chunks the baselines would take hours, so they are left out and the table says so.
const withBaselines = scale <= Number(values['baseline-max']);

const squad = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
  console.error(
    `bench failed: cannot read ${file} (${err.code ?? err.message}); pass a SQuAD JSON file: npm run bench -- <file.json>`,
  );
  process.exit(1);
});

const machine = {
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
  cores: os.availableParallelism(),
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverageAtStart: os.loadavg()[0]!,
  date: new Date().toISOString(),
};
const log = (line: string) => console.error(line);
log(
  `bench: scale ${scale} chunks, ${runs} runs; ${machine.cores} × ${machine.cpu}, load ${machine.loadAverageAtStart.toFixed(1)}`,
);
const root = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
const rows: BenchRow[] = [];
const raw: Record<string, unknown> = {};
const section = async (name: string, run: () => Promise<BenchRow[]>) => {
  if (!only.has(name)) return;
  log(`${name}…`);
  rows.push(...(await run()));
};
try {
  const provider = localHashProvider();
  const corpus = path.join(root, `synthetic-${scale}`);
  await section('ingest', () =>
    benchIngest({ root, scale, runs, baselineRuns: !withBaselines ? 0 : scale > 20_000 ? 1 : runs, provider, log }),
  );
  await section('stall', async () => {
    if (!existsSync(corpus)) await writeSyntheticCorpus(corpus, scale);
    return benchStall({ root, corpus, added: Math.max(200, Math.round(scale / 10)), provider, log });
  });
  await section('serve', () =>
    benchServe({ root, runs, seconds: Number(values.seconds), connections: Number(values.connections), log }),
  );
  await section('index', async () => {
    const { benchIndex } = await import('./bench-index.js');
    const result = await benchIndex({ scale, runs, log, langchain: withBaselines });
    raw.index = result;
    return indexRows(result, runs);
  });
  await section('query', async () => {
    const docs = path.join(root, 'squad-docs');
    const { items } = await importSquad(JSON.parse(squad), docs);
    return benchQuery(docs, path.join(root, 'squad-index'), items, provider);
  });
} finally {
  await rm(root, { recursive: true, force: true });
}

const where = `${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart.toFixed(1)} at start${withBaselines ? '' : `; LangChain's ingest and index baselines not run above ${values['baseline-max']} chunks`}`;
const table = renderTable(rows);
console.log(`\n${where}; medians of ${runs} runs; synthetic corpus of ${scale} chunks\n\n${table}`);
await mkdir(path.dirname(values.out), { recursive: true });
await writeFile(`${values.out}.json`, `${JSON.stringify({ machine, scale, runs, rows, raw }, null, 2)}\n`);
await writeFile(
  `${values.out}.md`,
  `${where}; medians of ${runs} runs; \`npm run bench -- --scale ${scale}\`\n\n${table}\n`,
);
log(`written ${values.out}.json and ${values.out}.md`);
// Idle worker threads and timers of the server under test must not keep the bench alive.
process.exit(0);
