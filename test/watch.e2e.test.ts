import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AskResponse } from '../core/protocol.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import type { RunningServer } from '../server/start.js';
import { start, tempDir } from './api-harness.js';
import { put } from './sample-docs.js';

let cleanup: () => Promise<void>;
let docs: string;
let indexDir: string;
let server: RunningServer | undefined;

const guide = (installer: string) =>
  `# Setup\n\nRead this first.\n\n## Linux\n\nOn Linux, the installer is called ${installer}.\n`;

beforeEach(async () => {
  const tmp = await tempDir('watch-');
  cleanup = tmp.cleanup;
  docs = path.join(tmp.dir, 'docs');
  indexDir = path.join(tmp.dir, 'index');
  await put(docs, 'guide.md', guide('pelican'));
  await put(docs, 'zoo.txt', 'The zoo keeper feeds the tapir every morning at nine.\n');
  await ingest({ docsDir: docs, indexDir, provider: localHashProvider() });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await cleanup();
});

async function ask(question: string): Promise<AskResponse> {
  const res = await fetch(`${server!.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as AskResponse;
}

/** How long to poll before calling it a hang: generous, so that a busy machine never fails the test; not a latency target. */
const HANG_MS = 25_000;

/** Poll until `check` passes or `ms` runs out; returns how long it took (printed, never asserted). */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

describe('WATCH=1', () => {
  it('re-indexes an edited Markdown file and the answer changes within seconds', async () => {
    server = await start(indexDir, { WATCH: '1' }, { docsDir: docs });
    const before = await ask('What is the installer called on Linux?');
    expect(before.answer).toContain('pelican');
    expect(before.citations[0]).toMatchObject({ source: 'guide.md', section: 'Setup > Linux', startLine: 7 });

    await writeFile(path.join(docs, 'guide.md'), `${guide('flamingo')}\nMore notes.\n`);
    const ms = await within(HANG_MS, async () =>
      (await ask('What is the installer called on Linux?')).answer.includes('flamingo'),
    );
    console.log(`watch latency (edit → new answer): ${ms} ms`);
  });

  it('drops a deleted file and picks up an added one', async () => {
    server = await start(indexDir, { WATCH: '1' }, { docsDir: docs });
    expect((await ask('When does the zoo keeper feed the tapir?')).passages[0]?.source).toBe('zoo.txt');
    await rm(path.join(docs, 'zoo.txt'));
    await put(docs, 'sub/birds.md', '# Birds\n\nThe aviary houses a cassowary named Boris.\n');
    await within(HANG_MS, async () => {
      const live = server!.holder.current?.manifest.files ?? {};
      return !('zoo.txt' in live) && 'sub/birds.md' in live;
    });
    const r = await ask('What is the cassowary in the aviary named?');
    expect(r.citations[0]).toMatchObject({ source: 'sub/birds.md', section: 'Birds' });
    expect((await ask('When does the zoo keeper feed the tapir?')).passages.some((p) => p.source === 'zoo.txt')).toBe(
      false,
    );
  });

  it('keeps watching after the docs folder is moved away and back, or replaced by another', async () => {
    server = await start(indexDir, { WATCH: '1' }, { docsDir: docs });
    await rename(docs, `${docs}.away`);
    await new Promise((r) => setTimeout(r, 300));
    await rename(`${docs}.away`, docs);
    await put(docs, 'shrew.txt', 'The shrew under the library steps is named Pip.\n');
    await within(HANG_MS, async () => 'shrew.txt' in (server!.holder.current?.manifest.files ?? {}));

    // A deploy swapping in a new folder: the watch moves to it and indexes what it holds.
    const fresh = `${docs}.new`;
    await put(fresh, 'heron.txt', 'The heron of the north pond is called Odo.\n');
    await rename(docs, `${docs}.old`);
    await rename(fresh, docs);
    await within(HANG_MS, async () => {
      const live = server!.holder.current?.manifest.files ?? {};
      return 'heron.txt' in live && !('shrew.txt' in live);
    });
    await put(docs, 'otter.txt', 'The otter in the river is called Ada.\n');
    await within(HANG_MS, async () => 'otter.txt' in (server!.holder.current?.manifest.files ?? {}));
  });

  it('does not watch without WATCH=1', async () => {
    server = await start(indexDir, {}, { docsDir: docs });
    const generation = server.holder.current?.generation;
    await writeFile(path.join(docs, 'guide.md'), guide('flamingo'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(server.holder.current?.generation).toBe(generation);
    expect((await ask('What is the installer called on Linux?')).answer).toContain('pelican');
  });
});
