import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { engineFromIndex } from '../core/assemble.js';
import { loadConfig, type Config } from '../core/config.js';
import { ROOT } from '../core/paths.js';
import { IndexStore } from '../core/index/store.js';
import { answeringFromConfig, embedderFromConfig } from '../core/providers/from-config.js';
import { ProgressBar } from '../ingest/progress.js';
import { runIngest } from '../ingest/run.js';
import { ingestSettings } from '../ingest/settings.js';
import { Bm25OnlyBaseline, LangChainBaseline } from './baseline.js';
import { evaluate } from './evaluate.js';
import { changesText, itemChanges } from './item-changes.js';
import { defaultOutDir, parseEvalArgs, USAGE, type EvalOptions } from './options.js';
import { evalArgv } from './flags.js';
import { buildReport, failedThresholds, readReport, terminalTable } from './report.js';
import { reliabilityTable } from './reliability.js';
import { reportHtml } from './report-html.js';
import { readEvalSet, type EvalItem } from './set.js';
import { readerSplitOf } from './reader/splits.js';
import { splitArticles } from './split-articles.js';
import { importSquad } from './squad.js';
import { markOwnFolder, replaceOwnFolder } from './own-folder.js';
import { CORPUS_THRESHOLDS } from './thresholds.js';
import { engineTarget, httpTarget } from './target.js';
import { feedbackEvalSet } from './feedback.js';

interface Prepared {
  name: string;
  items: EvalItem[];
  docsDir: string;
  indexDir: string;
}

/** Build the docs folder and item list: a SQuAD import, or a JSONL set over an existing folder. */
async function prepare(o: EvalOptions, out: string, config: Config): Promise<Prepared> {
  if (o.squad) {
    const docsDir = path.join(out, 'docs');
    await replaceOwnFolder(docsDir);
    const { titles, items } = await importSquad(JSON.parse(await readFile(o.squad, 'utf8')), docsDir);
    await markOwnFolder(docsDir);
    const keep = articlesOf(o.squad, titles, o.split);
    const chosen = keep ? items.filter((i) => keep.has(i.tags![0]!)) : items;
    console.log(
      `SQuAD: ${titles.length} articles, ${items.length} questions; scoring ${o.split} split (${chosen.length}): ${[...(keep ?? titles)].join(', ')}`,
    );
    return {
      name: `${path.basename(o.squad)} (${o.split})`,
      items: chosen,
      docsDir,
      indexDir: path.join(out, 'index'),
    };
  }
  if (o.fromFeedback) {
    const items = await feedbackEvalSet(config, out, o.since);
    const indexDir = o.index ?? (o.docs ? path.join(out, 'index') : config.indexDir);
    return {
      name: `feedback${o.since ? ` since ${o.since}` : ''}`,
      items,
      docsDir: o.docs ?? config.docsDir,
      indexDir,
    };
  }
  const set = o.set ?? path.join(ROOT, 'evals/sets/corpus.jsonl');
  // Another docs folder gets its own index under --out: ingesting it into INDEX_DIR would swap the
  // documents of a server running on that index (it loads each new generation) and cost a re-ingest after.
  const indexDir = o.index ?? (o.docs ? path.join(out, 'index') : config.indexDir);
  return { name: path.relative(ROOT, set), items: await readEvalSet(set), docsDir: o.docs ?? config.docsDir, indexDir };
}

/** The articles a split scores; undefined for all of them. */
function articlesOf(file: string, titles: string[], split: EvalOptions['split']): Set<string> | undefined {
  if (split === 'all') return undefined;
  if (split === 'tuning' || split === 'test') return splitArticles(titles)[split];
  const wanted = split === 'heldout' ? 'test' : 'choose';
  const chosen = titles.filter((t, i) => readerSplitOf(file, i, t) === wanted);
  if (chosen.length === 0)
    throw new Error(
      `--split ${split}: ${path.basename(file)} is not one of the learned reader's data files (evals/reader/splits.ts)`,
    );
  return new Set(chosen);
}

async function main(): Promise<void> {
  const argv = evalArgv(process.argv.slice(2));
  if (!argv) return;
  const o = parseEvalArgs(argv);
  const defaultSet = !o.set && !o.squad && !o.fromFeedback;
  const out = o.out ?? defaultOutDir(ROOT, o);
  await mkdir(out, { recursive: true });
  const config = loadConfig();
  // Read before the run, so a wrong --compare file does not cost a whole evaluation.
  const previous = o.compare ? await readReport(o.compare) : undefined;
  const { name, items, docsDir, indexDir } = await prepare(o, out, config);
  const blind = o.blind || (o.set !== undefined && existsSync(path.join(path.dirname(o.set), 'BLIND')));
  if (blind) console.log('blind set: overall numbers only; no items or per-tag results are shown or written');
  const provider = await embedderFromConfig(config);

  let target;
  let baseline: LangChainBaseline | undefined;
  let bm25: Bm25OnlyBaseline | undefined;
  if (o.url) {
    target = httpTarget(o.url, o.apiKey);
    const index = await new IndexStore(indexDir).load(provider).catch(() => undefined);
    if (index) baseline = new LangChainBaseline(index.chunks, o.k);
    else console.log(`no local index at ${indexDir}: the LangChain baseline is skipped (pass --index to include it)`);
  } else {
    // The same chunking and limits as `npm run ingest`, so the eval measures what users run.
    await runIngest({ docsDir, indexDir, provider, ...ingestSettings(config) });
    const index = await new IndexStore(indexDir).load(provider);
    target = engineTarget(engineFromIndex(index, config.RETRIEVAL_K, await answeringFromConfig(config), config.READER));
    baseline = new LangChainBaseline(index.chunks, o.k);
    bm25 = new Bm25OnlyBaseline(index.lexical, index.chunks, o.k);
  }

  const bar = new ProgressBar();
  const results = await evaluate(items, target, {
    k: o.k,
    baseline,
    bm25,
    onItem: (n) => bar.update('eval', n, items.length),
  });
  bar.clear();
  const report = buildReport(name, o.url ?? 'in process', o.k, results, blind);
  console.log(terminalTable(report, previous));
  if (report.reliability.length > 0) console.log(reliabilityTable(report.reliability));
  // Item by item only where both runs kept their items: a blind set's stay unseen.
  if (previous?.items?.length && !blind) console.log(changesText(itemChanges(previous.items, results)));
  await writeFile(path.join(out, 'report.json'), JSON.stringify(report, null, 2));
  await writeFile(path.join(out, 'report.html'), reportHtml(report));
  console.log(`reports: ${path.join(out, 'report.json')}, ${path.join(out, 'report.html')}`);

  const mins = defaultSet && Object.keys(o.min).length === 0 ? CORPUS_THRESHOLDS.min : o.min;
  const maxs = defaultSet && Object.keys(o.max).length === 0 ? CORPUS_THRESHOLDS.max : o.max;
  const failures = [...failedThresholds(report.overall, mins), ...failedThresholds(report.overall, maxs, 'max')];
  if (failures.length > 0) {
    console.error(`below the quality bar: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(`eval failed: ${(err as Error).message}`);
  if (/Unknown option|Unexpected argument|--k|--split|threshold/.test((err as Error).message)) console.error(USAGE);
  process.exit(1);
});
