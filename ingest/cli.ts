import { parseArgs } from 'node:util';
import path from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { embedderFromConfig } from '../core/providers/from-config.js';
import { IngestQueue } from './queue.js';
import { printSummary, runIngest } from './run.js';
import { ingestSettings } from './settings.js';
import { watchFolder } from './watch.js';
import { describeFolderError } from './folder-error.js';

const USAGE = `usage: npm run ingest -- [--docs <dir>] [--index <dir>] [--force] [--watch]
       [--chunk-size <chars>] [--chunk-overlap <chars>] [--max-file-mb <MB>] [--max-text-chars <chars>] [--timeout <s>]`;

/** Flags override the matching environment variables, and are validated by the same schema. */
const FLAG_ENV = {
  'chunk-size': 'CHUNK_SIZE',
  'chunk-overlap': 'CHUNK_OVERLAP',
  'max-file-mb': 'MAX_FILE_MB',
  'max-text-chars': 'MAX_TEXT_CHARS',
  timeout: 'FILE_TIMEOUT_S',
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string' },
      index: { type: 'string' },
      force: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys(FLAG_ENV).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  if (values.help) return void console.log(USAGE);
  const overrides = Object.fromEntries(
    Object.entries(FLAG_ENV).flatMap(([flag, env]) => (typeof values[flag as keyof typeof values] === 'string' ? [[env, values[flag as keyof typeof values] as string]] : [])),
  );
  const config = loadConfig({ ...process.env, ...overrides });
  const options = {
    docsDir: values.docs ? path.resolve(values.docs) : config.docsDir,
    indexDir: values.index ? path.resolve(values.index) : config.indexDir,
    provider: embedderFromConfig(config),
    ...ingestSettings(config),
  };
  await runIngest({ ...options, force: values.force });
  if (!values.watch) return;

  const queue = new IngestQueue({ ...options, onProgress: undefined });
  const onChange = () =>
    void queue.request().then(
      (summary) => (summary.written ? printSummary(summary) : undefined),
      (err: unknown) => console.error(`ingest failed: ${describeFolderError(err)}`),
    );
  const watcher = watchFolder(options.docsDir, onChange, { onError: (err) => console.error(`watch error: ${describeFolderError(err)}`) });
  await watcher.ready;
  console.log(`watching ${options.docsDir} for changes (Ctrl-C to stop)`);
  const stop = () => void watcher.close().then(() => queue.idle()).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError ? err.message : describeFolderError(err);
  console.error(`ingest failed: ${message}`);
  if (/Unknown option|Unexpected argument/.test(message)) console.error(USAGE);
  process.exit(1);
});
