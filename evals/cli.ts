import path from 'node:path';
import { parseArgs } from 'node:util';
import { engineFromIndex } from '../core/assemble.js';
import { loadConfig } from '../core/config.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { runIngest } from '../ingest/run.js';
import { ProgressBar } from '../ingest/progress.js';
import { summarize } from './outcome.js';
import { CORPUS_THRESHOLDS } from './thresholds.js';
import { runInProcess } from './run.js';
import { readEvalSet } from './set.js';

const ROOT = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { docs: { type: 'string' }, index: { type: 'string' }, k: { type: 'string' } } });
  const config = loadConfig();
  const setFile = path.resolve(positionals[0] ?? path.join(ROOT, 'evals/sets/corpus.jsonl'));
  const docsDir = values.docs ? path.resolve(values.docs) : config.docsDir;
  const indexDir = values.index ? path.resolve(values.index) : config.indexDir;
  const items = await readEvalSet(setFile);
  const provider = localHashProvider();
  await runIngest({ docsDir, indexDir, provider });
  const engine = engineFromIndex(await new IndexStore(indexDir).load(provider), config.RETRIEVAL_K);
  const bar = new ProgressBar();
  const outcomes = await runInProcess(engine, items, values.k ? Number(values.k) : undefined, (n) => bar.update('eval', n, items.length));
  bar.clear();
  for (const o of outcomes.filter((o) => !o.answerCorrect && o.answerable || !o.abstentionCorrect)) {
    console.log(`miss ${o.item.id}: ${o.item.question} -> ${o.response.abstained ? '(abstained)' : o.response.answer} [gold: ${o.item.answers.join(' | ') || '(unanswerable)'}]`);
  }
  const summary = summarize(outcomes);
  console.table({
    'answer accuracy': summary.answerAccuracy.toFixed(3),
    'citation accuracy': summary.citationAccuracy.toFixed(3),
    'abstention accuracy': summary.abstentionAccuracy.toFixed(3),
  });
  const below = Object.entries(CORPUS_THRESHOLDS).filter(([k, min]) => summary[k as keyof typeof CORPUS_THRESHOLDS] < min);
  if (below.length > 0 && !positionals[0]) {
    console.error(`below threshold: ${below.map(([k, min]) => `${k} < ${min}`).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(`eval failed: ${(err as Error).message}`);
  process.exit(1);
});
