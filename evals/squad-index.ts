import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IndexStore, type LoadedIndex } from '../core/index/store.js';
import { ROOT } from '../core/paths.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import type { EvalItem } from './set.js';
import { splitArticles } from './split-articles.js';
import { importSquad } from './squad.js';

export const DEFAULT_SQUAD = path.resolve(ROOT, '../shared/benchmarks/squad-v2/dev-5-articles.json');

export interface SquadIndex {
  index: LoadedIndex;
  /** Items of the tuning and of the test articles. */
  tuning: EvalItem[];
  test: EvalItem[];
  tuningArticles: string[];
  testArticles: string[];
  remove(): Promise<void>;
}

/** A SQuAD file imported and ingested into a temporary index with the local embedder, for tuning scripts. */
export async function squadIndex(file = DEFAULT_SQUAD): Promise<SquadIndex> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'squad-'));
  const { titles, items } = await importSquad(JSON.parse(await readFile(file, 'utf8')), path.join(root, 'docs'));
  const provider = localHashProvider();
  await ingest({ docsDir: path.join(root, 'docs'), indexDir: path.join(root, 'index'), provider });
  const index = await new IndexStore(path.join(root, 'index')).load(provider);
  const { tuning, test } = splitArticles(titles);
  const of = (set: Set<string>) => items.filter((i) => set.has(i.tags![0]!));
  return {
    index,
    tuning: of(tuning),
    test: of(test),
    tuningArticles: [...tuning],
    testArticles: [...test],
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
