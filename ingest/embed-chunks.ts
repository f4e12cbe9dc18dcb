/** The embed stage of a run: new chunks embedded in batches, checked, and put into the vector graph. */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FittedEmbedder } from '../core/embed/embedder.js';
import { AppError } from '../core/errors.js';
import { buildVectorStore, planVectorUpdate, updateVectorStore } from '../core/index/vectors.js';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Chunk } from '../core/types.js';
import { faultPoint } from '../core/index/fault.js';
import type { ProgressEvent } from './ingest.js';

const EMBED_BATCH = 64;

/**
 * A remote model's batch, checked before the vector graph sees it: one vector per text, all of one
 * length (the previous graph's, when it is updated). Returns that length.
 */
function checkVectors(out: number[][], texts: number, dimensions: number | undefined, inIndex: boolean): number {
  if (out.length !== texts)
    throw new AppError('upstream_error', `The embedding model returned ${out.length} vectors for ${texts} texts.`);
  const expected = dimensions ?? out[0]?.length ?? 0;
  const odd = out.find((v) => !Array.isArray(v) || v.length !== expected || v.length === 0);
  if (odd === undefined) return expected;
  const got = Array.isArray(odd) ? `a ${odd.length}-dimensional vector` : 'something other than a vector';
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
): Promise<{ store: HNSWLib; embedded: number }> {
  const plan = previous && planVectorUpdate(previous, chunks);
  const missing = chunks.map((_, i) => i).filter((i) => plan?.reused[i] === undefined);
  const fresh = new Map<number, number[]>();
  let dimensions = previous?.index.getNumDimensions();
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const batch = missing.slice(start, start + EMBED_BATCH);
    const out = await embedder.embeddings.embedDocuments(batch.map((i) => chunks[i]!.text));
    dimensions = checkVectors(out, batch.length, dimensions, previous !== undefined);
    batch.forEach((i, j) => fresh.set(i, out[j]!));
    onProgress?.({ phase: 'embed', done: Math.min(start + EMBED_BATCH, missing.length), total: missing.length });
    faultPoint('ingest:embedded');
    // The local embedder computes in this thread: let questions in between batches.
    await yieldToLoop();
  }
  if (previous && plan && !plan.rebuild)
    return { store: await updateVectorStore(previous, chunks, plan, fresh), embedded: missing.length };
  const all = chunks.map((_, i) => fresh.get(i) ?? previous!.index.getPoint(plan!.reused[i]!));
  return { store: await buildVectorStore(embedder, chunks, all), embedded: missing.length };
}
