import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../core/config.js';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { startServer, type RunningServer } from '../server/start.js';

export const CORPUS = path.resolve(import.meta.dirname, '../corpus');
export const QUESTION = 'Who is the spokesperson of the Taliban government?';

/** A fresh temp folder; removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Ingest `docsDir` (default: the shipped corpus) into a new temp index folder. */
export async function ingestInto(indexDir: string, docsDir = CORPUS): Promise<void> {
  await ingest({ docsDir, indexDir, provider: localHashProvider() });
}

/** Where the servers of a test file keep conversations: never the developer's own .data/. */
export const TEST_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'docqa-data-'));
process.once('exit', () => rmSync(TEST_DATA_DIR, { recursive: true, force: true }));

export function testConfig(indexDir: string, env: Record<string, string> = {}, docsDir = CORPUS): Config {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DOCS_DIR: docsDir,
    INDEX_DIR: indexDir,
    DATA_DIR: TEST_DATA_DIR,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export function start(
  indexDir: string,
  env: Record<string, string> = {},
  options: { docsDir?: string; provider?: EmbedderProvider } = {},
): Promise<RunningServer> {
  return startServer(testConfig(indexDir, env, options.docsDir), options.provider ?? localHashProvider());
}

/**
 * The local provider with every query embedding delayed, so questions stay in flight long enough
 * to observe (concurrency limits, graceful shutdown) without sleeping in the test.
 */
export function slowProvider(delayMs: number): EmbedderProvider {
  const base = localHashProvider();
  return {
    spec: base.spec,
    fit: (texts) => base.fit(texts),
    restore(state) {
      const fitted = base.restore(state);
      const embeddings = fitted.embeddings;
      const original = embeddings.embedQuery.bind(embeddings);
      embeddings.embedQuery = async (text: string) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return original(text);
      };
      return fitted;
    },
  };
}

/** Parse a text/event-stream body into { event, data } records. */
export function parseSse(body: string): { event: string; data: string }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data };
    });
}
