import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFromIndex } from '../core/assemble.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { CORPUS_THRESHOLDS } from './thresholds.js';
import { summarize } from './outcome.js';
import { runInProcess } from './run.js';
import { readEvalSet } from './set.js';

describe('default corpus evaluation (quality gate)', () => {
  it('stays at or above the thresholds', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'eval-'));
    try {
      const provider = localHashProvider();
      await ingest({ docsDir: path.resolve(import.meta.dirname, '../corpus'), indexDir: root, provider });
      const engine = engineFromIndex(await new IndexStore(root).load(provider));
      const items = await readEvalSet(path.resolve(import.meta.dirname, 'sets/corpus.jsonl'));
      expect(items.length).toBeGreaterThanOrEqual(25);
      expect(items.filter((i) => i.answers.length === 0).length).toBeGreaterThanOrEqual(5);
      const summary = summarize(await runInProcess(engine, items));
      for (const [metric, min] of Object.entries(CORPUS_THRESHOLDS)) expect(summary[metric as keyof typeof CORPUS_THRESHOLDS], metric).toBeGreaterThanOrEqual(min);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
