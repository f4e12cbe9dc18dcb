import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isIgnoredName } from './walk.js';

export interface FolderWatch {
  close(): Promise<void>;
  /** Resolves once chokidar has scanned the folder and reports changes. */
  ready: Promise<void>;
}

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs: a save or a copy is many events. */
  debounceMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Call `onChange` (debounced) when files in `root` are added, changed or removed. Hidden and junk
 * folders are not watched, and links are not followed (the ingest decides which links it reads).
 */
export function watchFolder(root: string, onChange: () => void, options: WatchOptions = {}): FolderWatch {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (p: string) => p !== root && isIgnoredName(path.basename(p)),
  });
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, schedule);
  watcher.on('error', (err) => options.onError?.(err));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
