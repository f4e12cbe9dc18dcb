import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { IndexStore } from '../core/index/store.js';

/**
 * Notices when ingest makes a new generation live (CURRENT names another folder) and calls
 * `onChange`. fs.watch on the index folder reacts at once where it works; a 1 s poll of CURRENT
 * covers where it does not (network filesystems, a folder created later). Changes are debounced,
 * because a save touches the folder many times before CURRENT is swapped.
 */
export function watchIndex(
  dir: string,
  liveGeneration: () => string | undefined,
  onChange: () => Promise<void>,
  log: Logger,
  options: { pollMs?: number; debounceMs?: number } = {},
): { close(): void } {
  const store = new IndexStore(dir);
  let debounce: NodeJS.Timeout | undefined;
  let checking = false;
  let closed = false;
  // A generation that failed to load is not retried every poll; the next ingest names a new one.
  let lastTried: string | undefined;

  const check = async () => {
    if (checking || closed) return;
    checking = true;
    try {
      const named = await store.current().catch(() => undefined);
      if (named && named !== liveGeneration() && named !== lastTried) {
        lastTried = named;
        await onChange().catch(() => {});
      }
    } finally {
      checking = false;
    }
  };
  const soon = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void check(), options.debounceMs ?? 150);
    debounce.unref();
  };

  const poll = setInterval(soon, options.pollMs ?? 1000);
  poll.unref();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, file) => {
      if (!file || file.startsWith('CURRENT')) soon();
    });
    watcher.on('error', (err) => log.warn({ err }, 'index folder watch failed; polling only'));
  } catch (err) {
    log.debug({ err }, 'index folder not watchable; polling only');
  }

  return {
    close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(debounce);
      watcher?.close();
    },
  };
}
