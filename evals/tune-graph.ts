/**
 * hnswlib's construction parameters chosen by measurement (docs/bench.md, Ingest): the synthetic corpus
 * of `scale` chunks is chunked and embedded once with the local embedder, then a folded graph
 * (core/index/folded.ts) is built with each M:efConstruction, reporting the time to insert a point and
 * the recall@10 of what a search returns (the top 10 of 50, 400 candidates ranked by int8 cosine)
 * against exact cosine of the full vectors, for 300 chunks used as queries.
 *
 *   npx tsx evals/tune-graph.ts [scale] [M:efConstruction,…]
 */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { HashedFeatures } from '../core/embed/hashed-features.js';
import { FOLD, FoldedIndex } from '../core/index/folded.js';
import { TokenizedTexts } from '../core/lexical/word-tokens.js';
import { DEFAULT_LOCAL_HASH } from '../core/providers/local-hash.js';
import { chunkDocument, DEFAULT_CHUNKING } from '../ingest/split.js';
import { writeSyntheticCorpus } from './synthetic.js';

const scale = Number(process.argv[2] ?? 10_000);
const grid = (process.argv[3] ?? '16:100,16:50,16:40,16:32').split(',').map((s) => s.split(':').map(Number));
const QUERIES = 300;
const K = 10;

const docsDir = path.join(os.tmpdir(), `tune-graph-${scale}`);
await writeSyntheticCorpus(docsDir, scale);
const names = (await readdir(docsDir, { recursive: true })).filter((n) => /\.(txt|md)$/.test(n)).sort();
const texts: string[] = [];
for (const name of names) {
  const text = await readFile(path.join(docsDir, name), 'utf8');
  for (const chunk of await chunkDocument(name, text, DEFAULT_CHUNKING)) texts.push(chunk.text);
}
const tokens = new TokenizedTexts(texts);
const features = new HashedFeatures(DEFAULT_LOCAL_HASH, tokens.vocabulary);
const { idf } = await features.fit(tokens);
const d = DEFAULT_LOCAL_HASH.dimensions;
const n = texts.length;
const rows = new Float64Array(n * d);
for (let i = 0; i < n; i++) features.embedInto(tokens, i, idf, rows, i * d);
const vector = (i: number) => rows.subarray(i * d, (i + 1) * d);

/** Exact nearest neighbours by cosine (the vectors are unit length, or zero but one coordinate). */
function exactNeighbours(q: number): Set<number> {
  const query = vector(q);
  const sims: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (i === q) continue;
    const v = vector(i);
    let dot = 0;
    for (let k = 0; k < d; k++) dot += v[k]! * query[k]!;
    sims.push([i, dot]);
  }
  sims.sort((a, b) => b[1] - a[1]);
  return new Set(sims.slice(0, K).map(([i]) => i));
}

const queries = Array.from({ length: QUERIES }, (_, j) => (j * 7919) % n);
const exact = queries.map(exactNeighbours);
console.log(
  `${n} chunks, ${QUERIES} queries: recall@${K} of a search (folded graph, int8 ranking, ef 100) against exact cosine`,
);
for (const [m, efConstruction] of grid) {
  const graph = new hnswlib.HierarchicalNSW('cosine', d / FOLD);
  graph.initIndex(n, m!, efConstruction!, 100);
  const index = new FoldedIndex(graph, d, n);
  const started = performance.now();
  for (let i = 0; i < n; i++) index.addPoint(vector(i), i);
  const ms = performance.now() - started;
  graph.setEf(100);
  let hits = 0;
  queries.forEach((q, j) => {
    const found = index.searchKnn(Array.from(vector(q)), 50).neighbors.filter((l) => l !== q);
    for (const label of found.slice(0, K)) if (exact[j]!.has(label)) hits++;
  });
  const recall = hits / (QUERIES * K);
  console.log(
    `M ${m} efConstruction ${efConstruction}: ${(ms / n).toFixed(3)} ms a point, recall@${K} ${recall.toFixed(4)}`,
  );
}
