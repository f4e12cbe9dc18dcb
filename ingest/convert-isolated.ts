/**
 * `convert` as a conversion worker runs it: the heavy parsers load with this module, before the
 * worker reports it loaded and the file's time budget starts (ingest/isolate/worker.ts). The main
 * thread imports convert.ts itself and loads a parser only if it converts that format in place.
 */
import { preloadParsers } from './loaders/index.js';

await preloadParsers();

export { convert } from './convert.js';
