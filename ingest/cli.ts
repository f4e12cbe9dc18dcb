import { parseArgs } from 'node:util';
import path from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { runIngest } from './run.js';

const USAGE = 'usage: npm run ingest -- [--docs <dir>] [--index <dir>] [--force]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { docs: { type: 'string' }, index: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(USAGE);
  const config = loadConfig();
  await runIngest({
    docsDir: values.docs ? path.resolve(values.docs) : config.docsDir,
    indexDir: values.index ? path.resolve(values.index) : config.indexDir,
    provider: localHashProvider(),
    force: values.force,
  });
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  const message = err instanceof ConfigError ? err.message : e.code === 'ENOENT' ? `no such folder: ${e.path}` : e.message;
  console.error(`ingest failed: ${message}`);
  if (/Unknown option|Unexpected argument/.test(message)) console.error(USAGE);
  process.exit(1);
});
