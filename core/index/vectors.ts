import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import type { FittedEmbedder } from '../embed/embedder.js';
import type { Chunk } from '../types.js';
import { FOLD, FoldedIndex } from './folded.js';
import { chunkDocstore, registeredLabels, registeredTexts } from './label-table.js';

/**
 * Points inserted between yields to the event loop. Inserting into an HNSW graph costs about a
 * millisecond or two per point; an ingest run by the server (upload, delete, watched folder) must
 * not stall questions and health probes for the whole build.
 */
const INSERT_BATCH = 64;

/**
 * When more than this share of an updated graph's points are deleted ones, it is rebuilt instead:
 * deleted points still cost memory, disk and search steps.
 */
export const MAX_DELETED_SHARE = 0.3;

/**
 * hnswlib's construction parameters, measured on 10k synthetic SQuAD chunks at 256 dimensions
 * (docs/performance.md): efConstruction 100 inserts 2.4× faster than the
 * library's default 200 (1.07 against 2.58 ms a point) for a neighbour recall@10 against exact
 * search of 0.901 instead of 0.913 at ef 100; 50 was 4.6× faster but 0.891; M 8 fell to 0.75. On
 * the SQuAD eval (915 chunks, 1,024 dimensions) recall and answers are the same as with 200.
 * Those were the graph's own neighbours; what a search returns is the folded graph's 400 candidates
 * ranked by int8 cosine (folded.ts), and that hardly moves with efConstruction: top-10 recall against
 * exact cosine at 20k synthetic chunks 0.969 (100), 0.968 (40), 0.967 (32), 0.955 (24); at 10k 0.880,
 * 0.879, 0.874. 40 inserts about 1.8× faster than 100; SQuAD dev-20 recall@1/5/10 is the same
 * (docs/bench.md, Ingest).
 */
const GRAPH_M = 16;

/**
 * Whether new graphs are folded (core/index/folded.ts). On the SQuAD choose split (1,024 dims, one
 * process) a folded graph proposing 400 candidates answers as the full graph does (recall@5/@10
 * 0.959/0.975, F1 0.4299 both, recall@1 0.849 against 0.850), for about 2 KB less a chunk (20k
 * synthetic chunks: steady RSS 252 -> 213 MiB, index 103 -> 64 MiB). An index saved unfolded still loads.
 */
export const FOLD_BY_DEFAULT = true;
const EF_CONSTRUCTION = 40;

function documentFor(chunk: Chunk): Document {
  return new Document({ pageContent: chunk.text, metadata: { id: chunk.id, source: chunk.source } });
}

/**
 * What each live label of a graph holds. The project keeps this map itself and hands HNSWLib a
 * docstore built from it (its public constructor), rather than editing the docstore's private
 * `_docs` in place: a LangChain upgrade can change the docstore's insides, not its constructor.
 */
export type LabelledDocuments = Map<number, Document>;

/** Give the store a docstore holding exactly `docs` (what HNSWLib saves to docstore.json and answers searches from). */
function setDocuments(store: HNSWLib, docs: LabelledDocuments): void {
  // Built in one go: the docstore's own `add` compares every new key with every stored one.
  store.docstore = new SynchronousInMemoryDocstore(new Map([...docs].map(([label, doc]) => [String(label), doc])));
}

/**
 * The documents a graph's live labels hold, read through public APIs: the graph's label list and
 * the docstore's `search`. A label the docstore does not hold is a point marked deleted (an update
 * drops it from the docstore and marks it in the graph, which keeps its label).
 */
export function labelledDocuments(store: HNSWLib): LabelledDocuments {
  const out: LabelledDocuments = new Map();
  for (const label of store.index.getIdsList()) {
    try {
      out.set(label, store.docstore.search(String(label)));
    } catch {
      // Deleted point: the docstore's search throws for an id it does not hold.
    }
  }
  return out;
}

/**
 * Insert points under fresh labels (after every label the graph has used, deleted ones included),
 * recording each in `docs`. A folded graph takes typed arrays as they are; hnswlib's own wants arrays.
 */
async function insert(
  store: HNSWLib,
  vectors: ArrayLike<number>[],
  chunks: Chunk[],
  docs: LabelledDocuments,
): Promise<void> {
  const index = store.index;
  const folded = (index as unknown) instanceof FoldedIndex;
  const first = index.getCurrentCount();
  if (first + vectors.length > index.getMaxElements()) index.resizeIndex(first + vectors.length);
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    index.addPoint(folded || Array.isArray(v) ? (v as number[]) : Array.from(v), first + i);
    docs.set(first + i, documentFor(chunks[i]!));
    if ((i + 1) % INSERT_BATCH === 0) await yieldToLoop();
  }
}

/** A new LangChain HNSW store over vectors already computed, one per chunk, in chunk order. */
export async function buildVectorStore(
  embedder: FittedEmbedder,
  chunks: Chunk[],
  vectors: ArrayLike<number>[],
  fold = FOLD_BY_DEFAULT,
): Promise<HNSWLib> {
  const builder = await vectorStoreBuilder(embedder, vectors[0]?.length ?? 1, chunks.length, fold);
  await builder.add(vectors, chunks);
  return builder.done();
}

/**
 * The same graph filled batch by batch as vectors arrive (an ingest's helper thread inserts while
 * the embedding goes on): `add` batches in chunk order, then `done`.
 */
export async function vectorStoreBuilder(
  embedder: FittedEmbedder,
  dimensions: number,
  capacity: number,
  fold = FOLD_BY_DEFAULT,
): Promise<{ add(vectors: ArrayLike<number>[], chunks: Chunk[]): Promise<void>; done(): HNSWLib }> {
  const { HierarchicalNSW } = await HNSWLib.imports();
  // Folded (folded.ts): a graph of a quarter the dimensions to find candidates, int8 copies to rank them.
  const folded = fold && FoldedIndex.suits(dimensions);
  const graph = new HierarchicalNSW('cosine', folded ? dimensions / FOLD : dimensions);
  // An empty folder still gets a valid (empty) index, so the server can start and say so.
  graph.initIndex(Math.max(1, capacity), GRAPH_M, EF_CONSTRUCTION, 100);
  const index = folded ? (new FoldedIndex(graph, dimensions, capacity) as unknown as typeof graph) : graph;
  // The docstore is set after construction, not passed in: HNSWLib saves its constructor arguments as args.json, which stays as before.
  const store = new HNSWLib(embedder.embeddings, { space: 'cosine', numDimensions: dimensions, index });
  const docs: LabelledDocuments = new Map();
  return {
    add: (vectors, chunks) => insert(store, vectors, chunks, docs),
    done() {
      setDocuments(store, docs);
      return store;
    },
  };
}

/** Each stored chunk text's label in the graph (texts are unique: ingest indexes a text once). */
export function labelsByText(store: HNSWLib): Map<string, number> {
  const out = new Map<string, number>();
  // A loaded generation's table when there is one (no Document made per label), else the docstore's.
  const registered = registeredTexts(store.docstore);
  if (registered) for (const [label, text] of registered) out.set(text, label);
  else for (const [label, doc] of labelledDocuments(store)) out.set(doc.pageContent, label);
  return out;
}

/** How an existing graph would be brought up to a new list of chunks. */
export interface VectorUpdate {
  /** Label of each chunk whose text the graph already holds (by chunk index). */
  reused: (number | undefined)[];
  /** Labels of texts no chunk has any more. */
  stale: number[];
  /** Whether the graph, after the update, would hold too many deleted points to keep. */
  rebuild: boolean;
}

/**
 * `from` (ingest/splice.ts): by chunk, the previous generation's chunk id holding its text, or -1;
 * with it and the graph's label table, labels are found by id instead of by text.
 */
export function planVectorUpdate(store: HNSWLib, chunks: Chunk[], from?: Int32Array): VectorUpdate {
  const planned = from && planFromTable(store, from);
  const { reused, stale } = planned ?? planByText(store, chunks);
  const added = reused.filter((l) => l === undefined).length;
  const total = store.index.getCurrentCount() + added;
  const deleted = total - chunks.length;
  return { reused, stale, rebuild: total > 0 && deleted / total > MAX_DELETED_SHARE };
}

function planByText(store: HNSWLib, chunks: Chunk[]): Pick<VectorUpdate, 'reused' | 'stale'> {
  const labels = labelsByText(store);
  const reused = chunks.map((c) => labels.get(c.text));
  const kept = new Set(reused.filter((l): l is number => l !== undefined));
  return { reused, stale: [...labels.values()].filter((l) => !kept.has(l)) };
}

/** The same plan as planByText, from the label table of the previous chunks `from` refers to; undefined without one. */
function planFromTable(store: HNSWLib, from: Int32Array): Pick<VectorUpdate, 'reused' | 'stale'> | undefined {
  const table = registeredLabels(store.docstore);
  if (!table) return undefined;
  const labelOf = new Int32Array(table.chunks.length).fill(-1);
  table.labels.forEach((id, label) => {
    if (id >= 0 && table.chunks[id]) labelOf[id] = label;
  });
  const used = new Uint8Array(table.chunks.length);
  const reused: (number | undefined)[] = [];
  for (const old of from) {
    const label = old >= 0 ? labelOf[old] : -1;
    reused.push(label === undefined || label < 0 ? undefined : label);
    if (old >= 0) used[old] = 1;
  }
  const stale: number[] = [];
  table.labels.forEach((id, label) => {
    if (id >= 0 && table.chunks[id] && !used[id]) stale.push(label);
  });
  return { reused, stale };
}

/**
 * Bring a graph loaded from the previous generation up to `chunks` in place: texts gone are
 * marked deleted, kept texts are relabelled with their new chunk ids, new texts are inserted.
 * Rebuilding the whole graph instead costs about as much as the corpus is large, for every added
 * file. Only valid while the embedder is unchanged (the kept vectors must still be right).
 */
export async function updateVectorStore(
  store: HNSWLib,
  chunks: Chunk[],
  plan: VectorUpdate,
  fresh: Map<number, ArrayLike<number>>,
): Promise<HNSWLib> {
  for (const label of plan.stale) store.index.markDelete(label);
  const added: Chunk[] = [];
  const vectors: ArrayLike<number>[] = [];
  chunks.forEach((chunk, i) => {
    if (plan.reused[i] === undefined) {
      added.push(chunk);
      vectors.push(fresh.get(i)!);
    }
  });
  const first = store.index.getCurrentCount();
  await insert(store, vectors, added, new Map());
  // A label table over the chunks, not a Document per label: every live label is either reused or new.
  const labels = new Int32Array(store.index.getCurrentCount()).fill(-1);
  chunks.forEach((chunk, i) => {
    const label = plan.reused[i];
    if (label !== undefined) labels[label] = chunk.id;
  });
  added.forEach((chunk, k) => (labels[first + k] = chunk.id));
  store.docstore = chunkDocstore(labels, chunks);
  return store;
}
