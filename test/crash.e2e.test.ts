/**
 * An index survives a crash at any moment of an ingest. The ingest CLI runs in a child process with
 * DOCQA_FAULT_AT naming a step (core/index/fault.ts); it SIGKILLs itself there: while reading
 * files, after embedding, halfway through writing each file of the new generation, after linking
 * the old generation's chunks file and vector graph files into it, between the
 * rename of the generation and CURRENT's, halfway through writing CURRENT's temp file, after the
 * rename of CURRENT, while pruning old generations. Each time a real server then starts on the
 * index and must answer from the old index or the new one, whole: the manifest, the chunks and the
 * answer all from one of them, never a mix and never an error. Then a normal ingest must finish
 * the job. (A power loss cannot be simulated here; the fsyncs that cover it are in core/index/durable.ts.)
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexStore } from '../core/index/store.js';
import { labelledDocuments } from '../core/index/vectors.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { start, tempDir } from './api-harness.js';
import { ROOT } from './run-script.js';

/** Every kill point, in the order an ingest reaches them. The CURRENT rename is the switch. */
const BEFORE_SWITCH = [
  'ingest:walked',
  'ingest:read#1',
  'ingest:read#3',
  'ingest:chunked',
  'ingest:embedded',
  'ingest:saving',
  'save:started',
  'save:manifest:partial',
  'save:chunks:linked',
  'save:chunks:partial',
  'save:lexical:partial',
  'save:embedder:partial',
  'save:vectors:linked',
  'save:vectors-written',
  'save:synced',
  'save:renamed',
  'save:dir-synced',
  'save:current:partial',
  'save:current:synced',
];
const AFTER_SWITCH = ['save:current:renamed', 'save:current-live', 'save:pruning', 'save:pruned'];

const QUESTION = 'What colour is the lighthouse on Gull Island painted?';
/**
 * Files the old and new versions share: with them the change is a small share of the index, so the
 * crashing run updates the old vector graph in place and saves it by linking the old generation's
 * graph files (save:vectors:linked), and splices the chunks, linking the old chunks.bin
 * (save:chunks:linked), as a one-file change to a large index does.
 */
const SHARED = {
  'post.txt': 'The post office on Gull Island opens at eight and closes at noon.\n',
  'school.txt': 'The island school has eleven pupils and one teacher, Mr Haldane.\n',
  'birds.txt': 'Puffins nest on the northern cliffs from April to August.\n',
  'walks.txt': 'A footpath of four miles circles the island along the shore.\n',
  'shop.txt': 'The general store sells newspapers that arrive on the afternoon boat.\n',
  'church.txt': 'The chapel by the pier was built from granite in 1847.\n',
};
const VERSIONS = {
  // Two generations before the crashing run, so pruning has one to remove.
  first: {
    'lighthouse.txt': 'The lighthouse on Gull Island is painted blue.\n',
    'harbour.txt': 'The harbour master is called Ingrid Solberg.\n',
  },
  old: {
    ...SHARED,
    'lighthouse.txt': 'The lighthouse on Gull Island is painted red and white.\n',
    'harbour.txt': 'The harbour master is called Ingrid Solberg.\n',
    'ferry.txt': 'The ferry to Gull Island leaves at nine every morning.\n',
  },
  new: {
    ...SHARED,
    'lighthouse.txt': 'The lighthouse on Gull Island is painted emerald green.\n',
    'harbour.txt': 'The harbour master is called Ingrid Solberg.\n',
    'bakery.txt': 'The bakery on the quay sells cardamom buns on Saturdays.\n',
  },
};
const COLOUR = { old: 'red and white', new: 'emerald green' };

let root: { dir: string; cleanup: () => Promise<void> };
let template: string;
const docs = (version: keyof typeof VERSIONS) => path.join(root.dir, `docs-${version}`);

async function writeDocs(version: keyof typeof VERSIONS): Promise<void> {
  await mkdir(docs(version), { recursive: true });
  for (const [name, text] of Object.entries(VERSIONS[version])) await writeFile(path.join(docs(version), name), text);
}

/**
 * At most this many ingest processes at once. Most of a child's life is loading its modules (about
 * 2 s of CPU); the kill points run side by side so the file stays within a minute on 2 cores.
 */
const CHILDREN = 3;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** The ingest CLI on the new documents, dying at `step`; resolves with the signal that ended it. */
function crashingIngest(indexDir: string, step: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return slot(
    () =>
      new Promise((resolve) => {
        const child = execFile(
          process.execPath,
          ['--import', 'tsx', path.join(ROOT, 'ingest/cli.ts'), '--docs', docs('new'), '--index', indexDir],
          {
            cwd: ROOT,
            env: { ...process.env, CI: '1', DOCQA_FAULT_AT: step, API_KEY: '', LOG_LEVEL: 'silent' },
            timeout: 60_000,
          },
          (_err, _stdout, stderr) => resolve({ signal: child.signalCode, stderr }),
        );
      }),
  );
}

/** Which version a loaded index is, checked whole: its manifest, every chunk, and the answer agree. */
async function versionServed(indexDir: string): Promise<'old' | 'new'> {
  const index = await new IndexStore(indexDir).load(localHashProvider());
  const files = Object.keys(index.manifest.files).sort();
  const version = (['old', 'new'] as const).find(
    (v) => JSON.stringify(Object.keys(VERSIONS[v]).sort()) === JSON.stringify(files),
  );
  expect(version, `manifest lists ${files.join(', ')}`).toBeDefined();
  const texts = new Set(Object.values(VERSIONS[version!]).map((t) => t.trim()));
  for (const chunk of index.chunks)
    expect(texts.has(chunk.text.trim()), `chunk ${chunk.source}: ${chunk.text}`).toBe(true);
  // The vector graph's stored passages are this version's too, one per chunk.
  const stored = [...labelledDocuments(index.vectors).values()].map((d) => d.pageContent.trim());
  expect(stored.length).toBe(index.chunks.length);
  for (const text of stored) expect(texts.has(text), `vector passage: ${text}`).toBe(true);

  const server = await start(indexDir, { UPLOADS: '0' }, { docsDir: docs(version!) });
  try {
    const res = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: QUESTION }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { citations: { quote: string }[] };
    const quoted = body.citations.map((c) => c.quote).join(' ');
    expect(quoted).toContain(COLOUR[version!]);
    expect(quoted).not.toContain(COLOUR[version === 'old' ? 'new' : 'old']);
  } finally {
    await server.close();
  }
  return version!;
}

beforeAll(async () => {
  root = await tempDir('docqa-crash-');
  for (const v of ['first', 'old', 'new'] as const) await writeDocs(v);
  template = path.join(root.dir, 'template');
  await ingest({ docsDir: docs('first'), indexDir: template, provider: localHashProvider() });
  await ingest({ docsDir: docs('old'), indexDir: template, provider: localHashProvider() });
  expect(await versionServed(template)).toBe('old');
});
afterAll(async () => {
  await root?.cleanup();
});

// Concurrent: each case has its own index folder; `slot` bounds the processes.
describe.concurrent('an ingest killed (SIGKILL) at any step', () => {
  const cases = [
    ...BEFORE_SWITCH.map((step) => [step, 'old'] as const),
    ...AFTER_SWITCH.map((step) => [step, 'new'] as const),
  ];
  for (const [step, expected] of cases) {
    it(
      `at ${step} leaves the ${expected} index live and whole, and the next ingest completes`,
      { timeout: 90_000 },
      async () => {
        const indexDir = path.join(root.dir, `index-${step.replace(/[^a-z0-9]+/gi, '-')}`);
        await cp(template, indexDir, { recursive: true });
        const { signal, stderr } = await crashingIngest(indexDir, step);
        // Killed where asked: a step the ingest never reached would prove nothing.
        expect(signal, stderr).toBe('SIGKILL');
        expect(await versionServed(indexDir)).toBe(expected);
        // The crash's leftovers (a .tmp generation, a stale LOCK) do not stop the next run, which cleans them up.
        await ingest({ docsDir: docs('new'), indexDir, provider: localHashProvider() });
        expect(await versionServed(indexDir)).toBe('new');
        expect((await readdir(indexDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      },
    );
  }
});
