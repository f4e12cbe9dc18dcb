/**
 * The local embedder's dimension and hnswlib's search depth, chosen by measurement: for each
 * setting, the SQuAD file is ingested and answerable questions are retrieved by the vectors alone,
 * by the hybrid retriever, and with the passage ranker after it (what answers see), reporting
 * recall@1/5/10 on the reader's choose split and on all articles, and the median vector search.
 *
 *   npx tsx evals/tune-vectors.ts [squad.json] [--dims 1024,512,256] [--ef 100,50]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LearnedReranker } from '../core/answer/passage-ranker.js';
import { IndexStore } from '../core/index/store.js';
import { ROOT } from '../core/paths.js';
import { DEFAULT_LOCAL_HASH, localHashProvider } from '../core/providers/local-hash.js';
import { HybridRetriever } from '../core/retrieve/hybrid.js';
import type { Retriever } from '../core/retrieve/retriever.js';
import { ingest } from '../ingest/ingest.js';
import { percentile } from './aggregate.js';
import { readerSplitOf } from './reader/splits.js';
import { goldFile, type EvalItem } from './set.js';
import { importSquad } from './squad.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dims: { type: 'string', default: '1024,768,512,384,256' }, ef: { type: 'string', default: '100' } },
});
const file = path.resolve(positionals[0] ?? path.join(ROOT, '../shared/benchmarks/squad-v2/dev-20-articles.json'));

async function recall(retriever: Retriever, items: EvalItem[]): Promise<string> {
  const hits = [0, 0, 0];
  for (const item of items) {
    const gold = goldFile(item.sources[0]!);
    const got = (await retriever.retrieve({ question: item.question, k: 10 })).map((p) => p.chunk.source);
    [1, 5, 10].forEach((k, i) => (hits[i]! += got.slice(0, k).includes(gold) ? 1 : 0));
  }
  return hits.map((h) => (h / items.length).toFixed(3)).join('/');
}

const root = await mkdtemp(path.join(os.tmpdir(), 'tune-vectors-'));
try {
  const { titles, items } = await importSquad(JSON.parse(await readFile(file, 'utf8')), path.join(root, 'docs'));
  const choose = new Set(titles.filter((t, i) => readerSplitOf(file, i, t) === 'choose'));
  const answerable = items.filter((i) => i.answers.length > 0);
  const sets: [string, EvalItem[]][] = [
    ['choose', answerable.filter((i) => choose.has(i.tags![0]!))],
    ['all', answerable],
  ];
  console.log(`${path.basename(file)}: ${answerable.length} answerable questions; recall@1/5/10`);
  for (const dimensions of values.dims.split(',').map(Number)) {
    const provider = localHashProvider({ ...DEFAULT_LOCAL_HASH, dimensions });
    const indexDir = path.join(root, `index-${dimensions}`);
    await ingest({ docsDir: path.join(root, 'docs'), indexDir, provider });
    for (const ef of values.ef.split(',').map(Number)) {
      const index = await new IndexStore(indexDir).load(provider, { ef });
      const hybrid = HybridRetriever.fromIndex(index);
      const vectorOnly = HybridRetriever.fromIndex(index, { ...hybrid.weights, lexical: 0 });
      const ranked = new LearnedReranker(hybrid, (stem) => index.lexical.idf(stem));
      const times: number[] = [];
      for (const item of answerable.slice(0, 500)) {
        const started = performance.now();
        await hybrid.vectorHits(item.question, 50);
        times.push(performance.now() - started);
      }
      for (const [name, set] of sets) {
        const cells = [await recall(vectorOnly, set), await recall(hybrid, set), await recall(ranked, set)];
        console.log(
          `dims ${dimensions} ef ${ef} ${name.padEnd(6)} vectors ${cells[0]}  hybrid ${cells[1]}  ranked ${cells[2]}  vector search p50 ${percentile(times, 50).toFixed(3)} ms`,
        );
      }
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
