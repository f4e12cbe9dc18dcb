import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFromIndex } from '../core/assemble.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { aggregate, type Metrics } from './aggregate.js';
import { LangChainBaseline } from './baseline.js';
import { evaluate } from './evaluate.js';
import { failedThresholds } from './report.js';
import { readEvalSet, type EvalItem } from './set.js';
import { engineTarget } from './target.js';
import { CORPUS_THRESHOLDS, DOCUMENT_SET_THRESHOLDS, type Thresholds } from './thresholds.js';

const here = (p: string) => path.resolve(import.meta.dirname, p);

/** A set run in process over its documents, as `npm run eval` runs it. */
async function run(set: string, docsDir: string): Promise<{ items: EvalItem[]; overall: Metrics }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'eval-'));
  try {
    const provider = localHashProvider();
    await ingest({ docsDir, indexDir: root, provider });
    const index = await new IndexStore(root).load(provider);
    const items = await readEvalSet(set);
    const results = await evaluate(items, engineTarget(engineFromIndex(index)), {
      k: 10,
      baseline: new LangChainBaseline(index.chunks),
    });
    return { items, overall: aggregate(results) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const missed = (overall: Metrics, bounds: Thresholds) => [
  ...failedThresholds(overall, bounds.min),
  ...failedThresholds(overall, bounds.max, 'max'),
];

describe('default corpus evaluation (quality gate)', () => {
  it('stays at or above the thresholds', async () => {
    const { items, overall } = await run(here('sets/corpus.jsonl'), here('../corpus'));
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(items.filter((i) => i.answers.length === 0).length).toBeGreaterThanOrEqual(5);
    expect(missed(overall, CORPUS_THRESHOLDS)).toEqual([]);
    expect(overall['recall@5']).toBeGreaterThanOrEqual(overall['baseline.recall@5']!);
  });
});

describe('document sets (regression gates)', () => {
  it.each(Object.entries(DOCUMENT_SET_THRESHOLDS))('%s stays at or above its floor', async (name, bounds) => {
    const { overall } = await run(here(`sets/${name}/set.jsonl`), here(`sets/${name}/docs`));
    expect(missed(overall, bounds)).toEqual([]);
  });
});
