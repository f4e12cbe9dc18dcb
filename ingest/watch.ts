import { stat } from 'node:fs/promises';
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
  /** How often the folder itself is checked for having been replaced. */
  rootCheckMs?: number;
  onError?: (err: unknown) => void;
}

/** Which folder a path names now: a folder moved away and another moved in has a new inode. */
async function identity(root: string): Promise<string | undefined> {
  return stat(root).then(
    (s) => `${s.dev}:${s.ino}`,
    () => undefined,
  );
}

/**
 * Call `onChange` (debounced) when files in `root` are added, changed or removed. Hidden and junk
 * folders are not watched, and links are not followed (the ingest decides which links it reads).
 */
export function watchFolder(root: string, onChange: () => void, options: WatchOptions = {}): FolderWatch {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  // Set when the watched folder went away: chokidar then says `unlinkDir` for it and goes quiet for good.
  let lost = false;
  const start = (): FSWatcher => {
    const watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (p: string) => p !== root && isIgnoredName(path.basename(p)),
    });
    for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, schedule);
    watcher.on('unlinkDir', (p: string) => (lost ||= p === root));
    watcher.on('error', (err) => options.onError?.(err));
    return watcher;
  };
  let watcher = start();
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  // The folder may be replaced (a deploy swapping folders, `mv docs old && mv new docs`) or moved
  // away and back: either way the watch starts again on whatever folder the path names now. The
  // timer is not unref'd: like chokidar's own handles, a watch keeps the process alive until closed,
  // also while its folder is gone (chokidar alone would let `ingest --watch` exit then).
  let checking = identity(root);
  const check = setInterval(() => {
    checking = checking.then(async (before) => {
      const now = await identity(root);
      if (now === undefined) {
        lost = true;
        return before;
      }
      if (!lost && now === before) return now;
      lost = false;
      await watcher.close();
      watcher = start();
      schedule();
      return now;
    });
  }, options.rootCheckMs ?? 2000);

  return {
    ready,
    close: async () => {
      clearInterval(check);
      clearTimeout(timer);
      await checking;
      await watcher.close();
    },
  };
}
