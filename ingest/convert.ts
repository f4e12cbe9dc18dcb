import { LOADERS, type LoadResult } from './loaders/index.js';

/**
 * One document's bytes to text, with the loader for its extension. Runs in a worker thread (see
 * `extract` in load.ts), which is killed if the loader outlasts its time or memory budget.
 */
export function convert(bytes: Uint8Array, extension: string, maxTextChars: number): Promise<LoadResult> {
  const loader = LOADERS.get(extension);
  if (!loader) throw new Error(`no loader for "${extension}"`);
  return loader(bytes, { maxTextChars });
}
