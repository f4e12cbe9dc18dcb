import type { Config } from '../core/config.js';
import type { LoadLimits } from './load.js';
import type { ChunkingSettings } from './split.js';

/** What an ingest takes from the configuration; the CLI, the server's watcher and uploads all use this. */
export interface IngestSettings {
  chunking: ChunkingSettings;
  limits: LoadLimits;
}

type Settable = Pick<Config, 'CHUNK_SIZE' | 'CHUNK_OVERLAP' | 'MAX_FILE_MB' | 'MAX_TEXT_CHARS' | 'FILE_TIMEOUT_S'>;

export function ingestSettings(config: Settable): IngestSettings {
  return {
    chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
    limits: {
      maxFileBytes: Math.round(config.MAX_FILE_MB * 1024 * 1024),
      maxTextChars: config.MAX_TEXT_CHARS,
      timeoutMs: config.FILE_TIMEOUT_S * 1000,
    },
  };
}
