import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFromIndex } from '../core/assemble.js';
import { collect } from '../core/engine.js';
import { IndexStore, type LoadedIndex } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { loadDocument } from '../ingest/load.js';
import { tempDir } from './api-harness.js';
import { docxBytes, encryptedPdfBytes, pdfBytes, put, utf16 } from './sample-docs.js';

const provider = localHashProvider();
const limits = { maxFileBytes: 300_000, maxTextChars: 200_000, timeoutMs: 20_000 };
let cleanup: () => Promise<void>;
let docs: string;
let summary: IngestSummary;
let index: LoadedIndex;

const filler = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `General remark ${i} about ${topic} operations and routine planning.`);

const MARKDOWN = `# Install

Start here before anything else.

## Linux

On Linux, run the pelican installer from a terminal with root rights.

## Windows

On Windows, double-click the setup file and follow the wizard.

# Usage

Open the dashboard and pick a project.
`;

beforeAll(async () => {
  const tmp = await tempDir('formats-');
  cleanup = tmp.cleanup;
  docs = path.join(tmp.dir, 'docs');
  await put(
    docs,
    'manual.pdf',
    await pdfBytes([
      filler('warehouse', 8),
      ['Orchard report.', 'The kiwi quota for the orchard is 42 crates per week.', ...filler('orchard', 4)],
      filler('closing', 3),
    ]),
  );
  await put(
    docs,
    'policy.docx',
    await docxBytes([
      [1, 'Expenses'],
      [0, 'Receipts are kept for seven years.'],
      [2, 'Travel'],
      [0, 'Travel bookings are approved by Margaret Thornbury in the finance office.'],
    ]),
  );
  await put(
    docs,
    'site/page.html',
    `<!doctype html><html><head><title>Keeper</title><style>.x { color: red }</style>
    <script>var trackingToken = "zzqx-analytics";</script></head><body>
    <nav><a href="/">Home</a> <a href="/about">Navigation menu link</a></nav>
    <header>Site banner slogan</header>
    <main><h1>Lighthouse</h1><p>The lighthouse keeper is named Ingrid Falk.</p><p>She <b>lights</b> the lamp at dusk.</p></main>
    <footer>Copyright footer text</footer><script>console.log("more script")</script></body></html>`,
  );
  await put(docs, 'guide.md', MARKDOWN);
  await put(docs, 'mirror/guide-copy.md', MARKDOWN);
  await put(docs, 'people.csv', 'name,role,city\nAda,engineer,London\n"Hopper, Grace",admiral,"New York"\n');
  await put(
    docs,
    'tools.json',
    JSON.stringify({
      tools: [
        { name: 'hammer', use: 'driving nails', owner: { team: 'carpentry' } },
        { name: 'theodolite', use: 'measuring angles' },
      ],
    }),
  );
  await put(docs, 'utf16le.txt', utf16('The narwhal census counted 17 animals in the fjord.\n', 'le'));
  await put(docs, 'utf16be.txt', utf16('The axolotl survey found 23 ponds with larvae.\n', 'be'));
  await put(docs, 'bom.txt', `\ufeffThe quokka colony lives on the island.\n`);
  // What must be skipped, each with its reason.
  await put(docs, 'corrupt.pdf', '%PDF-1.4\nthis is not really a pdf\n');
  await put(docs, 'locked.pdf', await encryptedPdfBytes());
  await put(docs, 'broken.docx', Buffer.from('PK not a zip at all'));
  await put(docs, 'empty.txt', '');
  await put(docs, 'latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]));
  await put(docs, 'huge.txt', 'word '.repeat(70_000));
  await put(docs, 'image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await put(docs, '.git/HEAD.txt', 'hidden git text');
  await put(docs, 'node_modules/pkg/readme.md', '# junk');
  await put(docs, '.hidden/notes.txt', 'hidden notes');
  const outside = await put(tmp.dir, 'outside/secret.txt', 'The secret outside the folder.');
  await symlink(outside, path.join(docs, 'escape.txt'));
  await symlink(path.join(docs, 'bom.txt'), path.join(docs, 'inside-link.txt'));
  summary = await ingest({
    docsDir: docs,
    indexDir: path.join(tmp.dir, 'index'),
    provider,
    limits,
    chunking: { chunkSize: 300, chunkOverlap: 40 },
  });
  index = await new IndexStore(path.join(tmp.dir, 'index')).load(provider);
}, 120_000);
afterAll(() => cleanup());

const ask = (question: string) => collect(engineFromIndex(index).ask({ question }));

describe('ingesting real formats', () => {
  it('reads every supported format and skips the rest, each with a one-line reason', () => {
    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.source, s.reason]));
    expect(reasons).toEqual({
      'corrupt.pdf': 'corrupt or not a PDF',
      'locked.pdf': 'encrypted PDF (needs a password)',
      'broken.docx': expect.stringMatching(/^corrupt or encrypted Word file/),
      'empty.txt': 'empty file',
      'latin1.txt': expect.stringMatching(/^not valid UTF-8 text \(looks like a legacy 8-bit encoding/),
      'huge.txt': 'file larger than 293 KB (342 KB; raise MAX_FILE_MB)',
      'image.png': expect.stringContaining('unsupported type ".png"'),
      'escape.txt': 'symlink leads outside the documents folder (not followed)',
    });
    for (const reason of Object.values(reasons)) expect(reason).not.toContain('\n');
    expect([...summary.added].sort()).toEqual([
      'bom.txt',
      'guide.md',
      'inside-link.txt',
      'manual.pdf',
      'mirror/guide-copy.md',
      'people.csv',
      'policy.docx',
      'site/page.html',
      'tools.json',
      'utf16be.txt',
      'utf16le.txt',
    ]);
  });

  it('cites the PDF page a fact is on', async () => {
    const r = await ask('How many crates is the kiwi quota for the orchard?');
    expect(r.answer).toContain('42');
    expect(r.citations[0]).toMatchObject({ source: 'manual.pdf', page: 2 });
    expect(r.passages[0]).toMatchObject({ source: 'manual.pdf', page: 2 });
  });

  it('cites the Word heading a fact is under', async () => {
    const r = await ask('Who approves travel bookings?');
    expect(r.answer).toContain('Margaret Thornbury');
    expect(r.passages[0]).toMatchObject({ source: 'policy.docx', section: 'Expenses > Travel' });
    expect(r.citations[0]).toMatchObject({ source: 'policy.docx', section: 'Expenses > Travel' });
  });

  it('reads the main text of a web page, not its scripts, styles or navigation', async () => {
    const loaded = await loadDocument(path.join(docs, 'site/page.html'));
    expect(loaded.ok && loaded.text).toBe(
      'Lighthouse\n\nThe lighthouse keeper is named Ingrid Falk.\n\nShe lights the lamp at dusk.',
    );
    const r = await ask('Who is the lighthouse keeper?');
    expect(r.answer).toContain('Ingrid Falk');
    expect(r.citations[0]).toMatchObject({ source: 'site/page.html', section: 'Lighthouse', startLine: 3, endLine: 3 });
    expect(
      index.chunks.some((c) => /trackingToken|Navigation menu|banner slogan|footer text|color: red/.test(c.text)),
    ).toBe(false);
  });

  it('cites the Markdown heading path and the lines of the file', async () => {
    const r = await ask('What do you run on Linux?');
    expect(r.citations[0]).toMatchObject({ source: 'guide.md', section: 'Install > Linux', startLine: 7, endLine: 7 });
    expect(MARKDOWN.split('\n')[6]).toContain('pelican installer');
    const usage = index.chunks.find((c) => c.source === 'guide.md' && c.text.includes('dashboard'));
    expect(usage?.section).toBe('Usage');
  });

  it('stores a duplicated passage once, listing every file it is in', async () => {
    const linux = index.chunks.filter((c) => c.text.includes('pelican installer'));
    expect(linux).toHaveLength(1);
    expect(linux[0]!.alsoIn).toEqual([
      expect.objectContaining({
        source: 'mirror/guide-copy.md',
        section: 'Install > Linux',
        startLine: linux[0]!.startLine,
      }),
    ]);
    const r = await ask('What do you run on Linux?');
    expect(r.citations[0]!.alsoIn).toEqual([expect.objectContaining({ source: 'mirror/guide-copy.md', startLine: 7 })]);
    expect(summary.duplicates).toBeGreaterThan(0);
  });

  it('turns CSV rows and JSON records into readable lines', async () => {
    const csv = await loadDocument(path.join(docs, 'people.csv'));
    expect(csv.ok && csv.text).toBe(
      'name: Ada; role: engineer; city: London\nname: Hopper, Grace; role: admiral; city: New York',
    );
    const json = await loadDocument(path.join(docs, 'tools.json'));
    expect(json.ok && json.text).toBe(
      'name: hammer; use: driving nails; owner.team: carpentry\nname: theodolite; use: measuring angles',
    );
    const r = await ask('What is the role of Hopper, Grace?');
    expect(r.passages[0]).toMatchObject({ source: 'people.csv' });
    expect(r.citations[0]).toMatchObject({ source: 'people.csv', startLine: 2 });
  });

  it('reads UTF-16 (both byte orders) and UTF-8 with a BOM', async () => {
    expect((await ask('How many animals did the narwhal census count?')).citations[0]).toMatchObject({
      source: 'utf16le.txt',
    });
    expect((await ask('How many ponds did the axolotl survey find?')).citations[0]).toMatchObject({
      source: 'utf16be.txt',
    });
    const bom = await loadDocument(path.join(docs, 'bom.txt'));
    expect(bom.ok && bom.text.startsWith('The quokka')).toBe(true);
  });

  it('keeps text === extracted document text at every place a chunk is listed', async () => {
    const texts = new Map<string, string>();
    for (const chunk of index.chunks) {
      for (const place of [chunk, ...(chunk.alsoIn ?? [])]) {
        if (!texts.has(place.source)) {
          const loaded = await loadDocument(path.join(docs, place.source));
          texts.set(place.source, loaded.ok ? loaded.text : '');
        }
        expect(texts.get(place.source)!.slice(place.startOffset, place.endOffset)).toBe(chunk.text);
      }
    }
  });

  it('skips extracted text over the limit, and converts nothing again when nothing changed', async () => {
    const again = await ingest({
      docsDir: docs,
      indexDir: path.join(docs, '..', 'index'),
      provider,
      limits,
      chunking: { chunkSize: 300, chunkOverlap: 40 },
    });
    expect(again).toMatchObject({ written: false, embedded: 0 });
    const small = await ingest({
      docsDir: docs,
      indexDir: path.join(docs, '..', 'index-small'),
      provider,
      limits: { ...limits, maxTextChars: 1000 },
    });
    expect(small.skipped).toContainEqual({
      source: 'manual.pdf',
      reason: 'extracted text longer than 1000 characters (raise MAX_TEXT_CHARS)',
    });
  });
});
