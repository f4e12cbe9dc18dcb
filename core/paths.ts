import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project folder (the one holding package.json), the same whether this code runs from its
 * TypeScript sources (tsx, vitest) or compiled into dist/ (`npm start`, `npm run ingest`): files
 * found relative to the project (corpus/, .index/, client/dist/, evals/sets/) are found from here,
 * never as `import.meta.dirname/..`, which is dist/ in compiled code.
 */
export const ROOT = projectRoot(import.meta.dirname);

/** True when this module was compiled to JavaScript (dist/), false when run from its .ts source. */
export const COMPILED = import.meta.url.endsWith('.js');

/**
 * A module next to `base` (an `import.meta.url`) by its name without extension: `name.ts` when
 * running from sources, `name.js` when compiled. For modules loaded by URL at run time (workers).
 */
export function siblingModule(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}
