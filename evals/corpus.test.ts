import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFromIndex } from '../core/assemble.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { aggregate } from './aggregate.js';
import { LangChainBaseline } from './baseline.js';
import { evaluate } from './evaluate.js';
import { failedThresholds } from './report.js';
import { readEvalSet } from './set.js';
import { engineTarget } from './target.js';
import { CORPUS_THRESHOLDS } from './thresholds.js';

describe('default corpus evaluation (quality gate)', () => {
  it('stays at or above the thresholds', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'eval-'));
    try {
      const provider = localHashProvider();
      await ingest({ docsDir: path.resolve(import.meta.dirname, '../corpus'), indexDir: root, provider });
      const index = await new IndexStore(root).load(provider);
      const items = await readEvalSet(path.resolve(import.meta.dirname, 'sets/corpus.jsonl'));
      expect(items.length).toBeGreaterThanOrEqual(25);
      expect(items.filter((i) => i.answers.length === 0).length).toBeGreaterThanOrEqual(5);
      const results = await evaluate(items, engineTarget(engineFromIndex(index)), { k: 10, baseline: new LangChainBaseline(index.chunks) });
      const overall = aggregate(results);
      expect([...failedThresholds(overall, CORPUS_THRESHOLDS.min), ...failedThresholds(overall, CORPUS_THRESHOLDS.max, 'max')]).toEqual([]);
      expect(overall['recall@5']).toBeGreaterThanOrEqual(overall['baseline.recall@5']!);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
