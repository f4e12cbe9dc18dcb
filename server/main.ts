import { ConfigError, loadConfig } from '../core/config.js';
import { embedderFromConfig } from '../core/providers/from-config.js';
import { describeFolderError } from '../ingest/folder-error.js';
import { runIngest } from '../ingest/run.js';
import { ingestSettings } from '../ingest/settings.js';
import { exposureWarning, LOOPBACK } from './exposure.js';
import { startServer } from './start.js';

/** `npm start`: bring the index up to date with the docs folder, then serve. */
async function main(): Promise<void> {
  const config = loadConfig();
  const provider = embedderFromConfig(config);
  await runIngest({ docsDir: config.docsDir, indexDir: config.indexDir, provider, ...ingestSettings(config) });
  const running = await startServer(config, provider);
  const host = LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST;
  console.log(`Serving ${config.docsDir} on http://${host}:${running.port} (chat page at /, API at /api/ask, WebSocket at /ws)`);
  const warning = exposureWarning(config);
  if (warning) console.warn(warning);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // The docs folder is read first (by ingest): name it as `npm run ingest` does.
  console.error(err instanceof ConfigError ? err.message : `Failed to start: ${describeFolderError(err)}`);
  process.exit(1);
});
