/** The embed stage of a run: new chunks embedded in batches, checked, and put into the vector graph. */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FittedEmbedder } from '../core/embed/embedder.js';
import { AppError } from '../core/errors.js';
import { buildVectorStore, planVectorUpdate, updateVectorStore } from '../core/index/vectors.js';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Chunk } from '../core/types.js';
import { faultPoint } from '../core/index/fault.js';
import type { ProgressEvent } from './ingest.js';
import type { LocalHashSettings } from '../core/providers/local-hash.js';
import { HELPER_MIN_CHUNKS, HelperGraph } from './threads/vector-thread.js';
import type { HashedFeatures } from '../core/embed/hashed-features.js';
import type { TokenizedTexts } from '../core/lexical/word-tokens.js';

const EMBED_BATCH = 64;
/**
 * With a helper thread building the graph, one batch in this many is embedded there (0: none). Measured
 * on 5k synthetic chunks (1,024 dimensions, efConstruction 100), CPU-profiling both threads: with every
 * other batch the helper was the long pole (inserting for seconds after this thread had embedded
 * everything); with none, this thread was (fitting and embedding 4.7 s, the helper 0.7 s idle). That
 * was the local embedder's string path; embedding from tokens (TokenEncoder) costs a fraction of
 * inserting, so with it the helper embeds nothing.
 */
const HELPER_SHARE: number = 3;

/**
 * The local embedder's vectors made from the run's texts tokenised once (core/embed/hashed-features.ts),
 * the same numbers as its `embedDocuments` without its strings: `tokens` holds the chunks' texts in
 * chunk order, `idf` is the fitted embedder's table.
 */
export interface TokenEncoder {
  features: HashedFeatures;
  tokens: TokenizedTexts;
  idf: readonly number[];
}

/** The local embedder's vectors of chunks `which` from tokens: views of one array's rows, not an array of numbers each. */
function encodeRows(encoder: TokenEncoder, which: number[]): Float64Array[] {
  const d = encoder.features.dimensions;
  const rows = new Float64Array(which.length * d);
  return which.map((i, j) => {
    encoder.features.embedInto(encoder.tokens, i, encoder.idf, rows, j * d);
    return rows.subarray(j * d, (j + 1) * d);
  });
}

/**
 * A remote model's batch, checked before the vector graph sees it: one vector per text, all of one
 * length (the previous graph's, when it is updated). Returns that length.
 */
function checkVectors(
  out: ArrayLike<number>[],
  texts: number,
  dimensions: number | undefined,
  inIndex: boolean,
): number {
  if (out.length !== texts)
    throw new AppError('upstream_error', `The embedding model returned ${out.length} vectors for ${texts} texts.`);
  const expected = dimensions ?? out[0]?.length ?? 0;
  const isVector = (v: unknown) => Array.isArray(v) || v instanceof Float64Array;
  const odd = out.find((v) => !isVector(v) || v.length !== expected || v.length === 0);
  if (odd === undefined) return expected;
  const got = isVector(odd) ? `a ${odd.length}-dimensional vector` : 'something other than a vector';
  const why = inIndex
    ? `, but the index holds ${expected}-dimensional ones: the model has changed. Re-ingest with: npm run ingest -- --force`
    : ` among ${expected}-dimensional ones.`;
  throw new AppError('upstream_error', `The embedding model returned ${got}${why}`);
}

/**
 * The new generation's vector graph. With the embedder unchanged, the previous graph is updated in
 * place (only new texts are embedded and inserted); after a refit, or when the previous graph has
 * gathered too many deleted points, it is built anew.
 */
export async function vectorStoreFor(
  embedder: FittedEmbedder,
  chunks: Chunk[],
  previous: HNSWLib | undefined,
  onProgress?: (event: ProgressEvent) => void,
  /** The local embedder's settings when a helper thread may build the graph. */
  local?: LocalHashSettings,
  /** The local embedder's vectors from tokens (instead of `embedder.embeddings`). */
  encoder?: TokenEncoder,
  /** By chunk, the previous generation's chunk id with its text, or -1 (ingest/splice.ts): labels found by id. */
  from?: Int32Array,
): Promise<{ store: HNSWLib; embedded: number; built?: Promise<void> }> {
  const plan = previous && planVectorUpdate(previous, chunks, from);
  const missing = chunks.map((_, i) => i).filter((i) => plan?.reused[i] === undefined);
  let dimensions = previous?.index.getNumDimensions();
  const embed = async (which: number[]) => {
    const fresh = new Map<number, ArrayLike<number>>();
    for (let start = 0; start < which.length; start += EMBED_BATCH) {
      const batch = which.slice(start, start + EMBED_BATCH);
      const out = encoder
        ? encodeRows(encoder, batch)
        : await embedder.embeddings.embedDocuments(batch.map((i) => chunks[i]!.text));
      dimensions = checkVectors(out, batch.length, dimensions, previous !== undefined);
      batch.forEach((i, j) => fresh.set(i, out[j]!));
      onProgress?.({ phase: 'embed', done: Math.min(start + EMBED_BATCH, which.length), total: which.length });
      faultPoint('ingest:embedded');
      // The local embedder computes in this thread: let questions in between batches.
      await yieldToLoop();
    }
    return fresh;
  };
  if (previous && plan && !plan.rebuild)
    return { store: await updateVectorStore(previous, chunks, plan, await embed(missing)), embedded: missing.length };
  const kept = new Map<number, ArrayLike<number>>();
  chunks.forEach((_, i) => {
    const label = plan?.reused[i];
    if (label !== undefined) kept.set(i, previous!.index.getPoint(label));
  });
  if (local && missing.length >= HELPER_MIN_CHUNKS)
    return buildOnHelper(local, embedder, chunks, kept, onProgress, encoder);
  const fresh = await embed(missing);
  const all = chunks.map((_, i) => fresh.get(i) ?? kept.get(i)!);
  return { store: await buildVectorStore(embedder, chunks, all), embedded: missing.length };
}

/**
 * The graph built on a helper thread (local embedder only): batches embedded here in chunk order
 * (kept vectors taken as they are) and handed over at once, so inserting overlaps embedding and,
 * after it, the BM25 build. `built` resolves once the last batch is in.
 */
async function buildOnHelper(
  local: LocalHashSettings,
  embedder: FittedEmbedder,
  chunks: Chunk[],
  kept: Map<number, ArrayLike<number>>,
  onProgress?: (event: ProgressEvent) => void,
  encoder?: TokenEncoder,
): Promise<{ store: HNSWLib; embedded: number; built: Promise<void> }> {
  const helper = new HelperGraph(local, embedder.state, chunks.length);
  const total = chunks.length - kept.size;
  // From tokens, embedding costs a fraction of inserting: the helper only inserts.
  const share = encoder ? 0 : HELPER_SHARE;
  const dimensions = local.dimensions;
  let embedded = 0;
  for (let start = 0, n = 0; start < chunks.length; start += EMBED_BATCH, n++) {
    const batch = chunks.slice(start, start + EMBED_BATCH);
    const fresh = batch.map((_, j) => start + j).filter((i) => !kept.has(i));
    // Every share-th batch is embedded by the helper, in time it would otherwise wait for vectors.
    const here = share === 0 || n % share !== share - 1;
    if (encoder) {
      // The helper's graph is only saved (labels.bin holds chunk ids), and it embeds nothing here:
      // the texts would cross threads for nothing (51 MB at 100k chunks), so they are left out.
      const meta = batch.map(({ id, source }) => ({ id, source, text: '' }));
      // Written straight into the rows handed over: no array of numbers a vector.
      const rows = helper.rows(batch.length);
      batch.forEach((_, j) => {
        const v = kept.get(start + j);
        if (v) rows.set(v, j * dimensions);
        else encoder.features.embedInto(encoder.tokens, start + j, encoder.idf, rows, j * dimensions);
      });
      helper.addRows(rows, meta);
    } else {
      const meta = batch.map(({ id, source, text }) => ({ id, source, text }));
      const out = here ? await embedder.embeddings.embedDocuments(fresh.map((i) => chunks[i]!.text)) : [];
      const byIndex = new Map(out.map((v, j) => [fresh[j]!, v]));
      helper.add(
        batch.map((_, j) => kept.get(start + j) ?? byIndex.get(start + j)),
        meta,
      );
    }
    embedded += fresh.length;
    onProgress?.({ phase: 'embed', done: embedded, total });
    faultPoint('ingest:embedded');
    await yieldToLoop();
  }
  const built = helper.finish();
  // Awaited by the caller after the BM25 build; a failure meanwhile is not unhandled.
  built.catch(() => {});
  return { store: helper.graph, embedded, built };
}
