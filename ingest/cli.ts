import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../core/config.js';
import { embedderFromConfig } from '../core/providers/from-config.js';
import { FlagError, INGEST_SETTINGS, readSettingFlags, settingsHelp } from '../core/setting-flags.js';
import { IngestQueue } from './queue.js';
import { printSummary, runIngest } from './run.js';
import { ingestSettings } from './settings.js';
import { watchFolder } from './watch.js';
import { describeFolderError } from './folder-error.js';

const USAGE = `usage: npm run ingest -- [--docs-dir <dir>] [--index-dir <dir>] [--force] [--watch] [--verbose] [settings]

Brings the index up to date with the documents folder: new and changed files are converted and embedded,
removed ones dropped. A progress bar shows on a terminal (not under CI).

  --force     rebuild the whole index
  --watch     then keep it in sync with the folder until Ctrl-C
  --verbose   a line per file read: its size, and whether it was converted, unchanged or skipped

${settingsHelp(INGEST_SETTINGS)}

Older names still work: --docs (--docs-dir), --index (--index-dir), --timeout (--file-timeout-s).`;

/** Older flag names, kept working. */
const ALIASES = { '--docs': 'DOCS_DIR', '--index': 'INDEX_DIR', '--timeout': 'FILE_TIMEOUT_S' };

async function main(): Promise<void> {
  const flags = readSettingFlags(process.argv.slice(2), INGEST_SETTINGS, ALIASES);
  if (flags.help) return void console.log(USAGE);
  const { values } = parseArgs({
    args: flags.rest,
    options: {
      force: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  // Flags win over the environment, and are validated by the same schema.
  const config = loadConfig({ ...process.env, ...flags.env });
  const options = {
    docsDir: config.docsDir,
    indexDir: config.indexDir,
    provider: await embedderFromConfig(config),
    ...ingestSettings(config),
  };
  await runIngest({ ...options, force: values.force, verbose: values.verbose });
  if (!values.watch) return;

  const queue = new IngestQueue({ ...options, onProgress: undefined });
  const onChange = () =>
    void queue.request().then(
      (summary) => (summary.written ? printSummary(summary) : undefined),
      (err: unknown) => console.error(`ingest failed: ${describeFolderError(err)}`),
    );
  const watcher = watchFolder(options.docsDir, onChange, {
    onError: (err) => console.error(`watch error: ${describeFolderError(err)}`),
  });
  await watcher.ready;
  console.log(`watching ${options.docsDir} for changes (Ctrl-C to stop)`);
  const stop = () =>
    void watcher
      .close()
      .then(() => queue.idle())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof FlagError ? err.message : describeFolderError(err);
  console.error(`ingest failed: ${message}`);
  if (err instanceof FlagError || /Unknown option|Unexpected argument/.test(message)) console.error(USAGE);
  process.exit(1);
});
