import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile, open } from 'node:fs/promises';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { z } from 'zod/v4';
import { AppError } from '../errors.js';
import { describeSpec, sameSpec, type EmbedderProvider, type FittedEmbedder } from '../embed/embedder.js';
import { Bm25Index, type Bm25Json } from '../lexical/bm25.js';
import type { Chunk } from '../types.js';
import { ManifestSchema, type Manifest } from './manifest.js';
import { ChunkSchema } from '../location.js';

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
 * the previous generation live and loadable. Nothing outside this file knows the layout.
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
  async load(provider: EmbedderProvider, options: { ef?: number } = {}): Promise<LoadedIndex> {
    const generation = await this.current();
    if (!generation) throw new AppError('index_not_ready', `No index in ${this.dir}. Run: npm run ingest`);
    const dir = path.join(this.dir, generation);
    try {
      const manifest = ManifestSchema.parse(await readJson(path.join(dir, 'manifest.json')));
      if (!sameSpec(manifest.embedder, provider.spec)) {
        throw new AppError(
          'index_incompatible',
          `The index was built with embedder ${describeSpec(manifest.embedder)} but ${describeSpec(provider.spec)} is configured. Re-ingest with: npm run ingest -- --force`,
        );
      }
      const [chunks, lexical, state] = await Promise.all([
        readJson(path.join(dir, 'chunks.json')).then((j) => ChunkListSchema.parse(j)),
        readJson(path.join(dir, 'lexical.json')).then((j) => Bm25Index.fromJSON(j as Bm25Json)),
        readJson(path.join(dir, 'embedder.json')),
      ]);
      const embedder = provider.restore(state);
      const vectors = await HNSWLib.load(path.join(dir, 'vectors'), embedder.embeddings);
      vectors.index.setEf(options.ef ?? DEFAULT_EF);
      return { generation, manifest, chunks, lexical, embedder, vectors };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('index_corrupt', `The index in ${dir} cannot be read (${(err as Error).message}). Re-ingest with: npm run ingest -- --force`, { cause: err });
    }
  }

  /** Write a new generation and make it live atomically; returns its name. */
  async save(data: IndexData): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const generation = `gen-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const tmp = path.join(this.dir, `${generation}.tmp`);
    await mkdir(tmp, { recursive: true });
    await Promise.all([
      writeJson(path.join(tmp, 'manifest.json'), data.manifest),
      writeJson(path.join(tmp, 'chunks.json'), data.chunks),
      writeJson(path.join(tmp, 'lexical.json'), data.lexical.toJSON()),
      writeJson(path.join(tmp, 'embedder.json'), data.embedder.state),
      data.vectors.save(path.join(tmp, 'vectors')),
    ]);
    await rename(tmp, path.join(this.dir, generation));
    await writeAtomically(path.join(this.dir, CURRENT), `${generation}\n`);
    await this.prune(generation);
    return generation;
  }

  /** Drop leftovers of interrupted saves and all but the newest two generations (a reader may still hold the previous one). */
  private async prune(live: string): Promise<void> {
    const names = await readdir(this.dir);
    const generations = names.filter((n) => /^gen-[^.]+$/.test(n) && n !== live).sort();
    const doomed = [...names.filter((n) => n.endsWith('.tmp') && !n.startsWith(live)), ...generations.slice(0, -1)];
    await Promise.all(doomed.map((n) => rm(path.join(this.dir, n), { recursive: true, force: true })));
  }
}

export const DEFAULT_EF = 100;

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(value));
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
