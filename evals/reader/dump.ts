/**
 * Writes the reader's training data: for every question of the benchmark files in evals/reader/splits.ts,
 * the passages the engine retrieves, the rules' verdict where they settle the question, and otherwise
 * every candidate's feature row with its F1 against the gold answers. evals/reader/train.py reads it.
 * Usage: npx tsx evals/reader/dump.ts [out-dir] (default .train/reader)
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExtractiveAnswerer } from '../../core/answer/extractive.js';
import { LearnedReranker } from '../../core/answer/passage-ranker.js';
import { SPAN_FEATURES } from '../../core/answer/reader/features.js';
import { questionContext } from '../../core/answer/reader/question.js';
import { EVIDENCE_FEATURES } from '../../core/answer/reader/no-answer.js';
import { SpanScores } from '../../core/answer/reader/neural/span-scores.js';
import { WindowModel } from '../../core/answer/reader/neural/window-model.js';
import { readerInput } from '../../core/answer/reader/reader.js';
import { IndexStore } from '../../core/index/store.js';
import { localHashProvider } from '../../core/providers/local-hash.js';
import { HybridRetriever } from '../../core/retrieve/hybrid.js';
import { ProgressBar } from '../../ingest/progress.js';
import { ingest } from '../../ingest/ingest.js';
import { exactMatch, tokenF1 } from '../metrics.js';
import { importSquad } from '../squad.js';
import { readEvalSet, type EvalItem } from '../set.js';
import { BENCHMARKS, OWN_SETS, READER_DATA } from './splits.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The engine's default number of passages (RETRIEVAL_K). */
const K = 5;

/**
 * The neural window reader whose span scores are features (trained first, by evals/reader/drqa/train.sh).
 * A training article's rows take them from the fold model that did not train on its questions, so the
 * trees learn how far to trust the scores on questions the neural reader never saw; the rest from the
 * product's model, which saw none of them.
 */
const NEURAL = new WindowModel();
const FOLDS = [0, 1].map((k) => new WindowModel(new URL(`./drqa/fold${k}.onnx`, import.meta.url)));

/** Where an item comes from: its article, that article's split, and (for benchmark training articles) its fold. */
interface Place {
  article: string;
  split: string;
  fold?: number;
}

interface Sinks {
  meta: WriteStream;
  rows: WriteStream;
  offset: number;
}

function writeRows(sinks: Sinks, rows: number[][]): number {
  const buffer = new Float32Array(rows.length * SPAN_FEATURES.length);
  rows.forEach((row, i) => buffer.set(row, i * SPAN_FEATURES.length));
  sinks.rows.write(Buffer.from(buffer.buffer));
  const at = sinks.offset;
  sinks.offset += rows.length;
  return at;
}

/** One question's record: the rules' answer, or the open question's candidates with their labels. */
async function record(
  sinks: Sinks,
  answerer: ExtractiveAnswerer,
  open: ReturnType<ExtractiveAnswerer['prepare']>,
  answers: string[],
  neural: WindowModel,
) {
  if ('answer' in open) {
    const f1 = open.abstained ? 0 : tokenF1(open.answer, answers);
    return { rule: { abstained: open.abstained, reason: open.reason ?? null, f1 } };
  }
  const input = readerInput(
    questionContext(open.question, open.q, open.type, open.best.score),
    open.sentences,
    open.evidence,
    answerer.rulesVerdict(open),
    await SpanScores.read(neural, open.question, open.sentences),
    open.namesUnsaid,
  );
  const f1 = input.candidates.map((c) => (answers.length ? Number(tokenF1(c.text, answers).toFixed(4)) : 0));
  const em = input.candidates.map((c) => (answers.length ? exactMatch(c.text, answers) : 0));
  return {
    offset: writeRows(sinks, input.rows),
    count: input.rows.length,
    f1,
    em,
    evidence: input.evidence.map((v) => (Number.isNaN(v) ? null : v)),
  };
}

/** Ingest a docs folder into a temporary index and write every item's record. */
async function dumpItems(
  name: string,
  docsDir: string,
  indexDir: string,
  items: EvalItem[],
  place: (item: EvalItem) => Place,
  sinks: Sinks,
  bar: ProgressBar,
): Promise<void> {
  const provider = localHashProvider();
  await ingest({ docsDir, indexDir, provider });
  const index = await new IndexStore(indexDir).load(provider);
  const idf = (stem: string) => index.lexical.idf(stem);
  const retriever = new LearnedReranker(HybridRetriever.fromIndex(index), idf);
  const answerer = new ExtractiveAnswerer(idf, undefined, null);
  for (const [n, item] of items.entries()) {
    const passages = await retriever.retrieve({ question: item.question, k: K });
    const open = answerer.prepare(item.question, passages);
    const where = place(item);
    const base = {
      file: name,
      article: where.article,
      split: where.split,
      id: `${name}:${item.id}`,
      answerable: item.answers.length > 0,
      type: 'answer' in open ? null : open.type,
    };
    sinks.meta.write(
      `${JSON.stringify({ ...base, ...(await record(sinks, answerer, open, item.answers, where.fold === undefined ? NEURAL : FOLDS[where.fold]!)) })}\n`,
    );
    bar.update(path.basename(name), n + 1, items.length);
  }
}

async function withTemp(run: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reader-'));
  try {
    await run(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function dumpBenchmark(
  file: string,
  split: (i: number, title: string) => string,
  sinks: Sinks,
  bar: ProgressBar,
): Promise<void> {
  await withTemp(async (root) => {
    const json = JSON.parse(await readFile(path.join(BENCHMARKS, file), 'utf8')) as { data: { title: string }[] };
    const { titles, items } = await importSquad(json, path.join(root, 'docs'));
    const placeOf = new Map(
      titles.map((t, i): [string, Place] => {
        const s = split(i, json.data[i]!.title);
        return [t, { article: t, split: s, ...(s === 'train' ? { fold: i % 2 } : {}) }];
      }),
    );
    await dumpItems(
      file,
      path.join(root, 'docs'),
      path.join(root, 'index'),
      items,
      (item) => placeOf.get(item.tags![0]!)!,
      sinks,
      bar,
    );
  });
}

const out = path.resolve(process.argv[2] ?? '.train/reader');
await mkdir(out, { recursive: true });
const sinks: Sinks = {
  meta: createWriteStream(path.join(out, 'questions.jsonl')),
  rows: createWriteStream(path.join(out, 'span-rows.f32')),
  offset: 0,
};
const bar = new ProgressBar();
for (const data of READER_DATA) await dumpBenchmark(data.file, data.split, sinks, bar);
for (const own of OWN_SETS) {
  const items = await readEvalSet(path.join(ROOT, own.set));
  await withTemp((root) =>
    dumpItems(
      own.set,
      path.join(ROOT, own.docs),
      path.join(root, 'index'),
      items,
      () => ({ article: own.set, split: 'train' }),
      sinks,
      bar,
    ),
  );
}
bar.clear();
await new Promise((r) => sinks.meta.end(r));
await new Promise((r) => sinks.rows.end(r));
await writeFile(path.join(out, 'features.json'), JSON.stringify({ span: SPAN_FEATURES, evidence: EVIDENCE_FEATURES }));
console.log(`wrote ${sinks.offset} candidate rows to ${out}`);
