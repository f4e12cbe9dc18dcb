/**
 * The new generation's chunks, placed. A one-file change to a 100k-chunk index used to place every
 * kept chunk again (each expanded, copied and deduplicated through a map of every text: about 0.5 s
 * with its garbage) and then find every text's counterpart again in the BM25 build and the vector
 * graph's label table. When the change is a plain splice (files unchanged in place keep their
 * chunks in the same order; no chunk of a changed, new or removed file is shared with another
 * file) the kept chunks are taken as they are, in runs, and `from` says which previous chunk each
 * new one is, for the BM25 build and the vector update to follow without a text lookup. Anything
 * else (moved files, duplicates involved, a file's texts reordered) takes the general path, which
 * gives the same chunks (tests compare the two).
 */
import type { Manifest } from '../core/index/manifest.js';
import type { Chunk } from '../core/types.js';
import { dedupe, placesPerFile, type Placed } from './dedupe.js';
import { keptPlaces } from './previous-index.js';
import type { ReadFile } from './read-files.js';

export interface PlacedChunks {
  chunks: Chunk[];
  /** Places (primaries and duplicates) per file, as placesPerFile counts them. */
  places: Map<string, number>;
  /** Places of the previous generation's chunks taken over by this one. */
  keptCount: number;
  /**
   * When spliced: by new chunk id, the previous chunk id holding the same text, or -1 for a text the
   * previous generation did not hold; ascending where not -1.
   */
  from?: Int32Array;
}

/** Each generation's set of chunk texts, kept with its chunk list and carried over to the next by a splice. */
const textSets = new WeakMap<Chunk[], Set<string>>();

function textsOf(chunks: Chunk[]): Set<string> {
  let set = textSets.get(chunks);
  if (!set) textSets.set(chunks, (set = new Set(chunks.map((c) => c.text))));
  return set;
}

/** Where each file's primary chunks run in `chunks`, and the files any shared chunk has a place in. */
function primaryRuns(chunks: Chunk[]): { runs: Map<string, [number, number]>; shared: Set<string> } | undefined {
  const runs = new Map<string, [number, number]>();
  const shared = new Set<string>();
  let start = 0;
  for (let i = 0; i <= chunks.length; i++) {
    const c = chunks[i];
    if (c && c.id !== i) return undefined;
    if (i > 0 && (!c || c.source !== chunks[i - 1]!.source)) {
      const source = chunks[i - 1]!.source;
      if (runs.has(source)) return undefined;
      runs.set(source, [start, i]);
      start = i;
    }
    if (c?.alsoIn) {
      shared.add(c.source);
      for (const place of c.alsoIn) shared.add(place.source);
    }
  }
  return { runs, shared };
}

/**
 * The previous chunks of every file removed or converted again, by text (a text they held may come
 * back); undefined when any of those files has a place in a shared chunk.
 */
function droppedTexts(
  previous: Chunk[],
  { runs, shared }: NonNullable<ReturnType<typeof primaryRuns>>,
  before: Manifest['files'],
  files: ReadFile[],
  fresh: Map<string, Placed[]>,
): Map<string, number> | undefined {
  const present = new Set(files.map((f) => f.source));
  const changed = [...Object.keys(before).filter((source) => !present.has(source)), ...fresh.keys()];
  if (changed.some((source) => shared.has(source))) return undefined;
  const dropped = new Map<string, number>();
  for (const source of changed) {
    const [start, end] = runs.get(source) ?? [0, 0];
    for (let i = start; i < end; i++) dropped.set(previous[i]!.text, i);
  }
  return dropped;
}

/**
 * The splice, or undefined when the change is not one (see the top of this file). `fresh`: the
 * chunks of every file converted in this run, by path.
 */
export function splice(
  previous: Chunk[],
  before: Manifest['files'],
  files: ReadFile[],
  fresh: Map<string, Placed[]>,
): PlacedChunks | undefined {
  const found = primaryRuns(previous);
  const dropped = found && droppedTexts(previous, found, before, files, fresh);
  if (!found || !dropped) return undefined;
  const { runs } = found;
  const texts = textsOf(previous);
  const chunks: Chunk[] = [];
  const from: number[] = [];
  const places = new Map<string, number>();
  const added = new Set<string>();
  let keptCount = 0;
  let last = -1;
  for (const f of files) {
    const own = fresh.get(f.source);
    if (!own) {
      if (f.reuses !== f.source) return undefined;
      const count = before[f.source]?.chunks ?? 0;
      keptCount += count;
      if (count > 0) places.set(f.source, count);
      const run = runs.get(f.source);
      if (!run) continue;
      if (run[0] <= last) return undefined;
      for (let i = run[0]; i < run[1]; i++) {
        const c = previous[i]!;
        chunks.push(c.id === chunks.length ? c : { ...c, id: chunks.length });
        from.push(i);
      }
      last = run[1] - 1;
      continue;
    }
    if (own.length > 0) places.set(f.source, own.length);
    for (const { chunk } of own) {
      const old = dropped.get(chunk.text);
      // A text twice among the new chunks, or held by a kept chunk: deduplication's business.
      if (added.has(chunk.text) || (old === undefined && texts.has(chunk.text))) return undefined;
      added.add(chunk.text);
      if (old !== undefined) {
        if (old <= last) return undefined;
        last = old;
      }
      chunks.push({ ...chunk, id: chunks.length });
      from.push(old ?? -1);
    }
  }
  // The texts held now: the next splice's, found without a pass over every chunk.
  for (const [text] of dropped) if (!added.has(text)) texts.delete(text);
  for (const text of added) texts.add(text);
  textSets.set(chunks, texts);
  return { chunks, places, keptCount, from: Int32Array.from(from) };
}

/** The new generation's chunks: spliced when the change allows (see above), placed and deduplicated whole otherwise. */
export function placeChunks(
  previous: { chunks: Chunk[]; manifest: Manifest } | undefined,
  files: ReadFile[],
  fresh: Map<string, Placed[]>,
): PlacedChunks {
  const spliced = previous && splice(previous.chunks, previous.manifest.files, files, fresh);
  if (spliced) return spliced;
  const kept = previous ? keptPlaces(previous, files) : new Map<string, Placed[]>();
  // Files in walk order, chunks in file order: ids are stable for an unchanged corpus.
  const chunks = dedupe(files.map((f) => fresh.get(f.source) ?? kept.get(f.source) ?? []));
  const keptCount = [...kept.values()].reduce((n, list) => n + list.length, 0);
  return { chunks, places: placesPerFile(chunks), keptCount };
}
