import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes, put } from '../test/sample-docs.js';
import { DEFAULT_LIMITS, extract, hashBytes, loadDocument, recentConversions, rememberConversions } from './load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'load-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadDocument', () => {
  it('gives a PDF its text with the offset of every page', async () => {
    const file = await put(dir, 'two.pdf', await pdfBytes([['First page.'], ['Second page, line one.', 'Line two.']]));
    const loaded = await loadDocument(file);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded).toMatchObject({
      format: 'pdf',
      text: 'First page.\n\nSecond page, line one.\nLine two.',
      pageStarts: [0, 13],
    });
  });

  it('skips a PDF with no text layer (scanned) with the reason', async () => {
    const file = await put(dir, 'scan.pdf', await pdfBytes([[], []]));
    expect(await loadDocument(file)).toEqual({
      ok: false,
      reason: 'no extractable text (a scanned PDF needs OCR first)',
    });
  });

  it('skips a file that takes longer than its time budget, and recovers for the next', async () => {
    const file = await put(dir, 'slow.pdf', await pdfBytes(Array.from({ length: 30 }, (_, i) => [`Page ${i}.`])));
    expect(await loadDocument(file, { timeoutMs: 1 })).toEqual({ ok: false, reason: 'timed out after 0.001 s' });
    expect((await loadDocument(file)).ok).toBe(true);
  });

  it('reuses a recent conversion of the same bytes under the same limits', async () => {
    const bytes = Buffer.from(await pdfBytes([['Reused page.']]));
    const read = { bytes, hash: hashBytes(bytes) };
    const first = await extract(read, '.pdf', DEFAULT_LIMITS);
    expect(first.ok).toBe(true);
    expect(await extract(read, '.PDF', DEFAULT_LIMITS)).toBe(first);
    expect(await extract(read, '.pdf', { ...DEFAULT_LIMITS, maxTextChars: 5_000 })).not.toBe(first);
    // Without a hash there is nothing to know the bytes by.
    expect(await extract({ bytes, hash: '' }, '.pdf', DEFAULT_LIMITS)).not.toBe(first);
  });

  it('applies the size limits before and after converting', async () => {
    const file = await put(dir, 'big.md', `# Big\n\n${'text '.repeat(1000)}`);
    expect(await loadDocument(file, { maxFileBytes: 1024 })).toEqual({
      ok: false,
      reason: 'file larger than 1 KB (5 KB; raise MAX_FILE_MB)',
    });
    expect(await loadDocument(file, { maxTextChars: 100 })).toEqual({
      ok: false,
      reason: 'extracted text longer than 100 characters (raise MAX_TEXT_CHARS)',
    });
    expect(await loadDocument(path.join(dir, 'missing.txt'))).toEqual({ ok: false, reason: 'unreadable: ENOENT' });
  });

  it('says a document nested too deeply to parse is so, not "Maximum call stack size exceeded"', async () => {
    const file = await put(dir, 'deep.json', `${'['.repeat(20_000)}1${']'.repeat(20_000)}`);
    expect(await loadDocument(file)).toEqual({
      ok: false,
      reason: expect.stringContaining('nested too deeply to read'),
    });
  });
});

describe('conversions remembered across threads', () => {
  it('lists what was converted here, and takes conversions made elsewhere as its own', async () => {
    await extract({ bytes: Buffer.from('hello there'), hash: 'remember-me' }, '.txt', DEFAULT_LIMITS);
    const listed = recentConversions().find(([key]) => key.startsWith('remember-me.txt '));
    expect(listed?.[1]).toMatchObject({ ok: true, text: 'hello there' });
    // Bytes no parser could read: only a remembered conversion of the same hash makes them text.
    const key = `not-a-pdf.pdf ${DEFAULT_LIMITS.maxTextChars} ${DEFAULT_LIMITS.timeoutMs}`;
    rememberConversions([[key, { ok: true, text: 'converted on the other thread', hash: 'not-a-pdf', format: 'pdf' }]]);
    expect(await extract({ bytes: Buffer.from('garbage'), hash: 'not-a-pdf' }, '.pdf', DEFAULT_LIMITS)).toMatchObject({
      ok: true,
      text: 'converted on the other thread',
    });
  });
});
