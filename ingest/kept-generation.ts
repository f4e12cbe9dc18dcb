/**
 * The generation an ingest thread last wrote, kept in memory for its next run. Loading a 100k-chunk
 * generation again (its chunk texts, postings, manifest and 220 MB of vector graph) was about 0.7 s
 * of every one-file re-index, to rebuild objects this thread had just held. Only an ingest thread
 * keeps one (ingest/threads/ingest-entry.ts): it is retired after a minute idle, so the memory is
 * held while a watched folder is busy, not for the life of a server.
 *
 * Safe because a generation's files never change once written: a kept generation is used only
 * while CURRENT still names it (another process's save names another), and a run takes it out
 * before changing anything in place (the vector graph is updated in place), so a run that fails
 * leaves nothing kept and the next one loads from disk.
 */
import type { LoadedIndex } from '../core/index/store.js';

let enabled = false;
let kept: { dir: string; index: LoadedIndex } | undefined;

/** Turn keeping on or off for this thread; off drops what is kept. */
export function keepGenerations(on: boolean): void {
  enabled = on;
  if (!on) kept = undefined;
}

/** Hold `index`, just written to `dir` as its live generation, for the next run (when keeping is on). */
export function keepGeneration(dir: string, index: LoadedIndex): void {
  // A graph built on the helper thread is only a handle for saving it (ingest/threads/vector-thread.ts): not kept.
  const graph = typeof (index.vectors.index as Partial<typeof index.vectors.index>).getCurrentCount === 'function';
  kept = enabled && graph ? { dir, index } : undefined;
}

/** The kept generation when it is `generation` of `dir`; taken out either way, so nothing is kept while a run changes it. */
export function takeGeneration(dir: string, generation: string | undefined): LoadedIndex | undefined {
  const held = kept;
  kept = undefined;
  return held && held.dir === dir && held.index.generation === generation ? held.index : undefined;
}
