import type { Logger } from 'pino';
import type { Config } from '../core/config.js';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { IngestQueue } from '../ingest/queue.js';
import { ingestSettings } from '../ingest/settings.js';
import { watchFolder, type FolderWatch } from '../ingest/watch.js';

/**
 * The server's one ingest queue for its docs folder: uploads, deletions and the folder watcher all
 * go through it, and each written generation is made live with `reload` (the index watcher may
 * reload too; a second reload of the same generation is harmless).
 */
export function docsIndexer(config: Config, provider: EmbedderProvider, reload: () => Promise<void>): IngestQueue {
  return new IngestQueue({
    docsDir: config.docsDir,
    indexDir: config.indexDir,
    provider,
    ...ingestSettings(config),
    // Its threads give way to the one answering questions (ingest/background.ts).
    background: true,
    // Only a watched folder changes in bursts; otherwise the start-up check and an upload now and then
    // would leave an idle thread holding its heap (about 37 MiB) for a minute each.
    keepThread: config.WATCH,
    afterWrite: () => reload(),
  });
}

/** With WATCH=1: re-index (debounced) whenever the docs folder changes; answers keep flowing meanwhile. */
export function watchDocs(config: Config, queue: IngestQueue, log: Logger, debounceMs = 300): FolderWatch | undefined {
  if (!config.WATCH) return undefined;
  const onChange = () =>
    void queue.request().then(
      (s) => {
        if (s.written)
          log.info(
            { added: s.added, changed: s.changed, removed: s.removed, skipped: s.skipped, seconds: s.seconds },
            'docs folder re-indexed',
          );
      },
      (err: unknown) => log.error({ err }, 're-index after a docs change failed; the previous index stays live'),
    );
  const watcher = watchFolder(config.docsDir, onChange, {
    debounceMs,
    onError: (err) => log.error({ err }, 'docs folder watch error'),
  });
  log.info({ docsDir: config.docsDir }, 'watching the docs folder for changes');
  return watcher;
}
