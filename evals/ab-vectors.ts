/**
 * Answers, not only retrieval, under two embedder settings in one process (the same code, the same
 * questions): the whole engine on the SQuAD file's reader choose split with each dimension.
 *
 *   npx tsx evals/ab-vectors.ts [squad.json] [--dims 1024,256] [--ef 100,50] [--split choose|test]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { engineFromIndex } from '../core/assemble.js';
import { IndexStore } from '../core/index/store.js';
import { ROOT } from '../core/paths.js';
import { DEFAULT_LOCAL_HASH, localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { evaluate } from './evaluate.js';
import { readerSplitOf } from './reader/splits.js';
import { aggregate } from './aggregate.js';
import { importSquad } from './squad.js';
import { engineTarget } from './target.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dims: { type: 'string', default: '1024,256' },
    ef: { type: 'string', default: '100' },
    split: { type: 'string', default: 'choose' },
  },
});
const file = path.resolve(positionals[0] ?? path.join(ROOT, '../shared/benchmarks/squad-v2/dev-20-articles.json'));
const METRICS = [
  'recall@1',
  'recall@5',
  'recall@10',
  'mrr@10',
  'f1',
  'exactMatch',
  'containsGold',
  'wrongfulAbstention',
];

const root = await mkdtemp(path.join(os.tmpdir(), 'ab-vectors-'));
try {
  const { titles, items } = await importSquad(JSON.parse(await readFile(file, 'utf8')), path.join(root, 'docs'));
  const keep = new Set(titles.filter((t, i) => readerSplitOf(file, i, t) === values.split));
  const chosen = items.filter((i) => keep.has(i.tags![0]!));
  for (const dimensions of values.dims.split(',').map(Number)) {
    const provider = localHashProvider({ ...DEFAULT_LOCAL_HASH, dimensions });
    const indexDir = path.join(root, `index-${dimensions}`);
    await ingest({ docsDir: path.join(root, 'docs'), indexDir, provider });
    for (const ef of values.ef.split(',').map(Number)) {
      const index = await new IndexStore(indexDir).load(provider, { ef });
      const overall = aggregate(await evaluate(chosen, engineTarget(engineFromIndex(index)), { k: 10 }));
      const shown = Object.entries(overall).filter(([k]) => METRICS.some((m) => k.toLowerCase() === m.toLowerCase()));
      console.log(`dims ${dimensions} ef ${ef} (${chosen.length} items): ${JSON.stringify(Object.fromEntries(shown))}`);
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
