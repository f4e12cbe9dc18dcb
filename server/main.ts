import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from '../core/config.js';
import { ALL_SETTINGS, FlagError, readSettingFlags, settingsHelp } from '../core/setting-flags.js';
import { embedderFromConfig } from '../core/providers/from-config.js';
import { describeFolderError } from '../ingest/folder-error.js';
import { sameSpec } from '../core/embed/embedder.js';
import { IndexStore } from '../core/index/store.js';
import { printSummary, runIngest } from '../ingest/run.js';
import { ingestSettings } from '../ingest/settings.js';
import { exposureWarning, LOOPBACK } from './exposure.js';
import { startServer } from './start.js';
import { forkWorkers, isPrimaryOf, workerCount, workerIndex } from './cluster.js';

const USAGE = `usage: npm start -- [settings]

Brings the index up to date with the documents folder, then serves the chat page, the API and the WebSocket.

${settingsHelp(ALL_SETTINGS)}`;

/** `npm start`: bring the index up to date with the docs folder, then serve. */
async function main(): Promise<void> {
  const flags = readSettingFlags(process.argv.slice(2), ALL_SETTINGS);
  if (flags.help) return void console.log(USAGE);
  if (flags.rest.length > 0)
    throw new FlagError(`unknown argument ${flags.rest[0]} (npm start -- --help lists the settings)`);
  const config = loadConfig({ ...process.env, ...flags.env });
  const provider = await embedderFromConfig(config);
  // An index this embedder can serve answers at once; the folder is checked after listening and a
  // changed folder swaps in a new generation. Without one, the first ingest has to come first.
  const live = await new IndexStore(config.indexDir).manifest().catch(() => undefined);
  const servable = live !== undefined && sameSpec(live.embedder, provider.spec);
  if (!servable)
    await runIngest({ docsDir: config.docsDir, indexDir: config.indexDir, provider, ...ingestSettings(config) });
  // WORKERS > 1: this process only forks the servers (server/cluster.ts); the first of them checks the folder.
  if (isPrimaryOf(config)) return announce(config, await forkWorkers(workerCount(config)), workerCount(config));
  if (workerIndex() > 0) config.WATCH = false;
  const running = await startServer(config, provider);
  if (!cluster.isWorker) announce(config, running.port, 1);
  if (servable && workerIndex() === 0)
    running.services.indexer
      ?.request()
      .then(printSummary, (err: unknown) =>
        console.error(`Checking ${config.docsDir} failed; the index stays as it was: ${describeFolderError(err)}`),
      );
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function announce(config: Config, port: number, workers: number): void {
  const host = LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST;
  const processes = workers > 1 ? ` by ${workers} server processes` : '';
  console.log(
    `Serving ${config.docsDir} on http://${host}:${port}${processes} (chat page at /, API at /api/ask, WebSocket at /ws)`,
  );
  const warning = exposureWarning(config);
  if (warning) console.warn(warning);
}

main().catch((err: unknown) => {
  // The docs folder is read first (by ingest): name it as `npm run ingest` does.
  console.error(
    err instanceof ConfigError || err instanceof FlagError
      ? err.message
      : `Failed to start: ${describeFolderError(err)}`,
  );
  process.exit(1);
});
