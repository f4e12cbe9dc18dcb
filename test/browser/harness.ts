/**
 * Browser test harness: the real server on an ephemeral port over a freshly ingested index, the
 * built client, and Debian's Chromium driven by playwright-core.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { buildClient } from '../../client/build.js';
import { loadConfig } from '../../core/config.js';
import { localHashProvider } from '../../core/providers/local-hash.js';
import { ingest } from '../../ingest/ingest.js';
import { startServer, type RunningServer } from '../../server/start.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CORPUS = path.join(ROOT, 'corpus');
export const RESULTS = path.join(ROOT, 'test-results');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

let built: Promise<unknown> | undefined;
/** Build client/dist once per test file (the build writes atomically, so files may build concurrently). */
export function ensureClientBuilt(): Promise<unknown> {
  built ??= buildClient();
  return built;
}

export interface Docqa {
  server: RunningServer;
  indexDir: string;
  docsDir: string;
  /** Where the servers keep conversations and feedback (SQLite); kept across `start`, as across a restart. */
  dataDir: string;
  /** Start a server on `port` (0: any) over this index. */
  start(port?: number): Promise<RunningServer>;
  cleanup(): Promise<void>;
}

/** Ingest `docsDir` into a temporary index and serve it on 127.0.0.1; `env` adds settings (e.g. `{ API_KEY: '…' }`). */
export async function startDocqa(docsDir = CORPUS, env: Record<string, string> = {}): Promise<Docqa> {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'docqa-browser-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'docqa-browser-data-'));
  const provider = localHashProvider();
  await ingest({ docsDir, indexDir, provider });
  const start = (port = 0) =>
    startServer(
      loadConfig({
        PORT: String(port),
        HOST: '127.0.0.1',
        DOCS_DIR: docsDir,
        INDEX_DIR: indexDir,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ...env,
      }),
      provider,
    );
  const docqa: Docqa = {
    server: await start(),
    indexDir,
    docsDir,
    dataDir,
    start,
    cleanup: async () => {
      await docqa.server.close().catch(() => {});
      await rm(indexDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return docqa;
}

/** Console errors and uncaught page errors, for asserting that there were none. */
export function watchConsole(page: Page, allow: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error' && !allow.some((re) => re.test(msg.text()))) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Type a question into the message box and press Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  const box = page.getByLabel('Your question');
  await box.fill(question);
  await box.press('Enter');
}
