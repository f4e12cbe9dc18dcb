import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { z } from 'zod/v4';
import { AppError } from '../errors.js';
import { describeSpec, sameSpec, type EmbedderProvider, type FittedEmbedder } from '../embed/embedder.js';
import { Bm25Index, type Bm25Json } from '../lexical/bm25.js';
import type { Chunk } from '../types.js';
import { ManifestSchema, parseManifestInSteps, type Manifest } from './manifest.js';
import { ChunkSchema } from '../location.js';
import { replaceDurably, syncDir, syncTree, writeSynced } from './durable.js';
import { faultPoint } from './fault.js';
import { chunksSavedIn, loadChunks, saveChunks, type Spliced } from './chunk-delta.js';
import { loadVectors, savedIn, saveVectors } from './vector-files.js';

/** Everything one index generation holds, in memory. */
export interface IndexData {
  manifest: Manifest;
  chunks: Chunk[];
  /** Labels are chunk ids. */
  vectors: HNSWLib;
  lexical: Bm25Index;
  embedder: FittedEmbedder;
}

export interface LoadedIndex extends IndexData {
  generation: string;
}

const CURRENT = 'CURRENT';
const ChunkListSchema = z.array(ChunkSchema);

/**
 * An index folder of immutable generations and a CURRENT file naming the live one. A save writes
 * a whole new generation, then swaps CURRENT with an atomic rename, so a crash at any point leaves
 * the previous generation live and loadable. A generation's files are never written again once it
 * exists, so a new one may hard-link the previous one's vector graph files instead of writing them
 * anew (core/index/vector-files.ts), and its chunks.bin (core/index/chunk-delta.ts). Nothing outside
 * this file, vector-files.ts and chunk-delta.ts knows the layout.
 */
export class IndexStore {
  constructor(readonly dir: string) {}

  /** The live generation's folder name, or undefined when there is no index yet. */
  async current(): Promise<string | undefined> {
    try {
      const name = (await readFile(path.join(this.dir, CURRENT), 'utf8')).trim();
      return name || undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async manifest(): Promise<Manifest | undefined> {
    const generation = await this.current();
    if (!generation) return undefined;
    return ManifestSchema.parse(JSON.parse(await readFile(path.join(this.dir, generation, 'manifest.json'), 'utf8')));
  }

  /** Load the live generation; refuses one built by a different embedder. */
  async load(provider: EmbedderProvider, options: LoadOptions = {}): Promise<LoadedIndex> {
    const generation = await this.current();
    if (!generation) throw new AppError('index_not_ready', `No index in ${this.dir}. Run: npm run ingest`);
    const dir = path.join(this.dir, generation);
    try {
      const manifest = await parseManifestInSteps(await readJson(path.join(dir, 'manifest.json')));
      if (!sameSpec(manifest.embedder, provider.spec)) {
        throw new AppError(
          'index_incompatible',
          `The index was built with embedder ${describeSpec(manifest.embedder)} but ${describeSpec(provider.spec)} is configured. Re-ingest with: npm run ingest -- --force`,
        );
      }
      const parts =
        manifest.format === 1 ? await loadFormat1(dir, provider) : await loadParts(dir, provider, options.lazyTexts);
      parts.vectors.index.setEf(options.ef ?? DEFAULT_EF);
      return { generation, manifest, ...parts };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError(
        'index_corrupt',
        `The index in ${dir} cannot be read (${(err as Error).message}). Re-ingest with: npm run ingest -- --force`,
        { cause: err },
      );
    }
  }

  /**
   * Write a new generation and make it live atomically; returns its name. Durable in this order:
   * the generation's files and folders are fsynced, the folder is renamed into place and the index
   * folder fsynced, and only then is CURRENT replaced (synced temp file, rename, folder fsynced). A
   * crash or power loss at any point leaves CURRENT naming a whole generation: the old or the new.
   * The fault points are the crash test's (core/index/fault.ts). `spliced`: what the chunks were
   * spliced from, for chunks.bin to be linked and only the change written (chunk-delta.ts).
   */
  async save(data: IndexData, spliced?: Spliced): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const generation = `gen-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const tmp = path.join(this.dir, `${generation}.tmp`);
    await mkdir(tmp, { recursive: true });
    faultPoint('save:started');
    // One after another, not at once: a crash test kills inside each write in turn.
    await writeSynced(path.join(tmp, 'manifest.json'), JSON.stringify(data.manifest), 'save:manifest');
    await saveChunks(data.chunks, tmp, spliced);
    await writeSynced(path.join(tmp, 'lexical.bin'), data.lexical.toBinary(), 'save:lexical');
    await writeSynced(path.join(tmp, 'embedder.json'), JSON.stringify(data.embedder.state), 'save:embedder');
    await saveVectors(data.vectors, path.join(tmp, 'vectors'));
    faultPoint('save:vectors-written');
    // hnswlib writes its files itself, unsynced; flush them and every folder of the generation.
    await syncTree(tmp);
    faultPoint('save:synced');
    await rename(tmp, path.join(this.dir, generation));
    savedIn(data.vectors, path.join(this.dir, generation, 'vectors'));
    chunksSavedIn(data.chunks, path.join(this.dir, generation));
    faultPoint('save:renamed');
    await syncDir(this.dir);
    faultPoint('save:dir-synced');
    await replaceDurably(path.join(this.dir, CURRENT), `${generation}\n`, 'save:current');
    faultPoint('save:current-live');
    await this.prune(generation);
    faultPoint('save:pruned');
    return generation;
  }

  /** Drop leftovers of interrupted saves and all but the newest two generations (a reader may still hold the previous one). */
  private async prune(live: string): Promise<void> {
    const names = await readdir(this.dir);
    const generations = names.filter((n) => /^gen-[^.]+$/.test(n) && n !== live).sort();
    const doomed = [...names.filter((n) => n.endsWith('.tmp') && !n.startsWith(live)), ...generations.slice(0, -1)];
    for (const name of doomed) {
      await rm(path.join(this.dir, name), { recursive: true, force: true });
      faultPoint('save:pruning');
    }
  }
}

export const DEFAULT_EF = 100;

export interface LoadOptions {
  ef?: number;
  /** Chunk texts decoded from the file's bytes each time one is read (lazy-chunks.ts): what a server wants, not an ingest reading them all. */
  lazyTexts?: boolean;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

type Parts = Pick<IndexData, 'chunks' | 'lexical' | 'embedder' | 'vectors'>;

/** Index formats 2 and 3: binary chunks and postings, hnswlib's graph with a label table (no JSON beyond the small files). */
async function loadParts(dir: string, provider: EmbedderProvider, lazyTexts = false): Promise<Parts> {
  const embedder = provider.restore(await readJson(path.join(dir, 'embedder.json')));
  // The graph is read natively off this thread while the chunks and postings decode here, each in
  // steps of a few milliseconds: a server loading a new generation keeps answering meanwhile.
  const chunks = loadChunks(dir, lazyTexts);
  const vectors = loadVectors(path.join(dir, 'vectors'), embedder.embeddings, chunks);
  const lexical = readFile(path.join(dir, 'lexical.bin')).then((b) => Bm25Index.fromBinaryInSteps(b));
  vectors.catch(() => {});
  lexical.catch(() => {});
  return { chunks: await chunks, lexical: await lexical, embedder, vectors: await vectors };
}

/** Index format 1 (JSON chunks and postings, LangChain's HNSWLib folder): still read, and written as format 2 by the next ingest. */
async function loadFormat1(dir: string, provider: EmbedderProvider): Promise<Parts> {
  const [chunks, lexical, state] = await Promise.all([
    readJson(path.join(dir, 'chunks.json')).then((j) => ChunkListSchema.parse(j)),
    readJson(path.join(dir, 'lexical.json')).then((j) => Bm25Index.fromJSON(j as Bm25Json)),
    readJson(path.join(dir, 'embedder.json')),
  ]);
  const embedder = provider.restore(state);
  const vectors = await HNSWLib.load(path.join(dir, 'vectors'), embedder.embeddings);
  return { chunks, lexical, embedder, vectors };
}
