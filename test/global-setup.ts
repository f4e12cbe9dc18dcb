import { ensureBuilt } from '../scripts/build.mjs';

/**
 * Before any test file: bring dist/ up to date (nothing to do when no source changed), so that the
 * tests running a CLI as users run it (test/run-script.ts: the compiled JavaScript `npm start` and
 * `npm run ingest` run) test today's sources. The tests themselves import the TypeScript sources.
 */
export default async function setup(): Promise<void> {
  await ensureBuilt({ log: (line) => console.log(line) });
}
