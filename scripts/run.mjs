#!/usr/bin/env node
/**
 * Run a TypeScript entry point from its compiled JavaScript, building first only if sources changed:
 *
 *   node scripts/run.mjs [--page] <entry.ts> [arguments...]
 *
 * e.g. `node scripts/run.mjs --page server/main.ts` (npm start) or `node scripts/run.mjs ingest/cli.ts
 * --docs-dir ./docs`. --page also brings the chat page (client/dist/) up to date. The entry runs in
 * this process, with process.argv as if it had been started directly (`node dist/ingest/cli.js ...`).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ensureBuilt } from './build.mjs';

const args = process.argv.slice(2);
const page = args[0] === '--page';
if (page) args.shift();
const [entry, ...rest] = args;
if (!entry || !/\.tsx?$/.test(entry)) {
  console.error('usage: node scripts/run.mjs [--page] <entry.ts> [arguments...]');
  process.exit(2);
}

try {
  await ensureBuilt({ page });
} catch (err) {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
}
const compiled = path.join(DIST, entry.replace(/\.tsx?$/, '.js'));
process.argv = [process.argv[0], compiled, ...rest];
// Stack traces name the TypeScript sources' lines (tsc writes source maps beside the JavaScript).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(compiled).href);
