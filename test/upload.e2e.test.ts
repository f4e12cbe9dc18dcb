import { readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../core/protocol.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { createApp } from '../server/app.js';
import { EngineHolder } from '../server/engine-holder.js';
import { createServices } from '../server/services.js';
import type { RunningServer } from '../server/start.js';
import { start, tempDir, testConfig } from './api-harness.js';
import { pdfBytes, put } from './sample-docs.js';
import { DocumentsResponseSchema, UploadResponseSchema } from '../core/protocol.js';

const KEY = 'upload-test-key-123';
const auth = { authorization: `Bearer ${KEY}` };
let cleanup: () => Promise<void>;
let root: string;
let docs: string;
let server: RunningServer;

beforeAll(async () => {
  const tmp = await tempDir('upload-');
  cleanup = tmp.cleanup;
  root = tmp.dir;
  docs = path.join(root, 'docs');
  const indexDir = path.join(root, 'index');
  await put(docs, 'zoo.txt', 'The zoo keeper feeds the tapir every morning at nine.\n');
  await ingest({ docsDir: docs, indexDir, provider: localHashProvider() });
  server = await start(indexDir, { API_KEY: KEY, MAX_FILE_MB: '0.05' }, { docsDir: docs });
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

function form(name: string, content: string | Uint8Array, folder?: string): FormData {
  const body = new FormData();
  body.append('file', new Blob([typeof content === 'string' ? content : Buffer.from(content)]), name);
  if (folder !== undefined) body.append('path', folder);
  return body;
}

const upload = (body: FormData, headers: Record<string, string> = auth) =>
  fetch(`${server.url}/api/documents`, { method: 'POST', headers, body });
const remove = (p: string) =>
  fetch(`${server.url}/api/documents?path=${encodeURIComponent(p)}`, { method: 'DELETE', headers: auth });

async function ask(question: string): Promise<AskResponse> {
  const res = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  return (await res.json()) as AskResponse;
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

describe('POST /api/documents', () => {
  it('needs the API key when one is set', async () => {
    const res = await upload(form('notes.md', '# Notes\n\nHello.\n'), {});
    expect(res.status).toBe(401);
    expect(await readdir(docs)).toEqual(['zoo.txt']);
  });

  it('adds a Markdown file in a folder, indexes it, and answers from it at once', async () => {
    const res = await upload(
      form(
        'handbook.md',
        '# Office\n\n## Parking\n\nVisitors park in the walrus garage on level two.\n',
        'team/guides',
      ),
    );
    expect(res.status).toBe(201);
    expect(UploadResponseSchema.parse(await res.json())).toMatchObject({
      source: 'team/guides/handbook.md',
      replaced: false,
      format: 'markdown',
    });
    const r = await ask('Where do visitors park?');
    expect(r.citations[0]).toMatchObject({
      source: 'team/guides/handbook.md',
      section: 'Office > Parking',
      startLine: 5,
    });
  });

  it('adds a PDF and cites its page', async () => {
    const pdf = await pdfBytes([
      ['Cover page of the almanac.'],
      ['The comet returns every 76 years according to the almanac.'],
    ]);
    expect((await upload(form('almanac.pdf', pdf))).status).toBe(201);
    const r = await ask('How often does the comet return?');
    expect(r.citations[0]).toMatchObject({ source: 'almanac.pdf', page: 2 });
  });

  it('keeps a file name in any script as it was written (sent as UTF-8)', async () => {
    const res = await upload(form('ünïcødé 名前.txt', 'The heron of the north pond is called Ödön.\n'));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ source: 'ünïcødé 名前.txt' });
    expect(await readdir(docs)).toContain('ünïcødé 名前.txt');
  });

  it('replaces an existing file', async () => {
    const res = await upload(
      form('handbook.md', '# Office\n\n## Parking\n\nVisitors park in the heron lot by the gate.\n', 'team/guides'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ replaced: true });
    expect((await ask('Where do visitors park?')).citations[0]?.quote).toContain('heron lot');
  });

  it('refuses a corrupt file with the reason and writes nothing', async () => {
    const e = await errorOf(await upload(form('bad.pdf', '%PDF-1.4 not really')));
    expect(e).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'bad.pdf cannot be indexed: corrupt or not a PDF.',
    });
    await expect(stat(path.join(docs, 'bad.pdf'))).rejects.toThrow();
  });

  it('refuses unsupported types, oversized files and paths leaving the folder', async () => {
    expect(await errorOf(await upload(form('tool.exe', 'MZ')))).toMatchObject({
      status: 400,
      message: expect.stringContaining('unsupported type ".exe"'),
    });
    // MAX_FILE_MB=0.05: 52,429 bytes.
    expect(await errorOf(await upload(form('big.txt', 'x '.repeat(40_000))))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The file is over the 51.2 KiB upload limit (MAX_FILE_MB).',
    });
    expect(await errorOf(await upload(form('a.md', '# A\n\nText.\n', '../outside')))).toMatchObject({
      status: 400,
      code: 'invalid_request',
    });
    expect(await errorOf(await upload(form('a.md', '# A\n\nText.\n', '.git')))).toMatchObject({ status: 400 });
    // An absolute folder is refused, not quietly made relative.
    expect(await errorOf(await upload(form('a.md', '# A\n\nText.\n', '/etc')))).toMatchObject({
      status: 400,
      message: expect.stringContaining('relative'),
    });
    expect(await errorOf(await upload(new FormData()))).toMatchObject({
      status: 400,
      message: expect.stringContaining('"file"'),
    });
    // A name with directory parts keeps only its base name, inside the docs folder.
    const res = await upload(form('../../escape.md', '# Escape\n\nThe escape hatch is painted orange.\n'));
    expect(await res.json()).toMatchObject({ source: 'escape.md' });
    expect((await readdir(root)).sort()).toEqual(['docs', 'index']);
  });
});

describe('GET /api/documents', () => {
  it('lists the indexed documents, the files that failed to convert or were skipped, and that uploads are taken', async () => {
    // Dropped into the folder directly (an upload would refuse them), then picked up by the next ingest.
    await put(docs, 'broken.pdf', '%PDF-1.7 this is not really a PDF');
    await put(docs, 'keynote.pages', 'PK an Apple Pages file');
    // MAX_FILE_MB=0.05: 52,429 bytes.
    await put(docs, 'huge.txt', 'word '.repeat(12_000));
    expect((await upload(form('tide.txt', 'High tide at the harbour is at noon.\n'))).status).toBe(201);
    const res = await fetch(`${server.url}/api/documents`, { headers: auth });
    const body = DocumentsResponseSchema.parse(await res.json());
    expect(body.uploads).toBe(true);
    expect(body.documents.map((d) => d.source)).toContain('tide.txt');
    expect(body.failed).toEqual([{ source: 'broken.pdf', reason: expect.stringMatching(/PDF/) }]);
    // Skipped before converting: too large, or of a type never read.
    expect(body.skipped).toEqual([
      { source: 'huge.txt', reason: 'file larger than 51 KB (59 KB; raise MAX_FILE_MB)' },
      { source: 'keynote.pages', reason: expect.stringMatching(/^unsupported type ".pages" \(reads \.txt, /) },
    ]);
    for (const name of ['broken.pdf', 'keynote.pages', 'huge.txt']) await rm(path.join(docs, name));
    expect((await remove('tide.txt')).status).toBe(200);
  });
});

describe('DELETE /api/documents', () => {
  it('removes a file and re-indexes', async () => {
    const res = await remove('zoo.txt');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'zoo.txt', removed: true });
    expect(server.holder.current?.manifest.files['zoo.txt']).toBeUndefined();
    expect((await ask('When does the zoo keeper feed the tapir?')).passages.some((p) => p.source === 'zoo.txt')).toBe(
      false,
    );
  });

  it('answers three deletes of one file at once without a 500, and the file is gone', async () => {
    await upload(form('twice.txt', 'The ferry to the island leaves at dawn.\n'));
    const statuses = await Promise.all([1, 2, 3].map(async () => (await remove('twice.txt')).status));
    // The first removes it; the others find it gone (404) or still in the index, which they refresh (200).
    expect(statuses).toContain(200);
    expect(statuses.every((s) => s === 200 || s === 404)).toBe(true);
    expect(server.holder.current?.manifest.files['twice.txt']).toBeUndefined();
  });

  it('removes from the index a document already deleted on disk, and the folders it leaves empty', async () => {
    expect(
      (await upload(form('notes.md', '# Notes\n\nThe kettle is descaled on Fridays.\n', 'archive/2019'))).status,
    ).toBe(201);
    await rm(path.join(docs, 'archive/2019/notes.md'));
    const res = await remove('archive/2019/notes.md');
    expect(res.status).toBe(200);
    expect(server.holder.current?.manifest.files['archive/2019/notes.md']).toBeUndefined();
    expect(await readdir(docs)).not.toContain('archive');
  });

  it('404s a missing file and refuses traversal', async () => {
    expect((await errorOf(await remove('zoo.txt'))).status).toBe(404);
    expect((await errorOf(await remove('../index/CURRENT'))).status).toBe(400);
    const res = await fetch(`${server.url}/api/documents?path=almanac.pdf`, { method: 'DELETE' });
    expect(res.status).toBe(401);
  });
});

/** The app without an ingest queue for its docs folder, so without uploads (startServer always makes one). */
async function listenWithoutUploads(): Promise<{ url: string; close(): Promise<void> }> {
  const holder = new EngineHolder();
  const services = createServices(testConfig(path.join(root, 'index')), holder, () =>
    Promise.reject(new Error('not needed')),
  );
  const http = createServer(createApp(holder, services));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

describe('405 on /api/documents', () => {
  it('with uploads, Allow lists GET, POST and DELETE', async () => {
    const res = await fetch(`${server.url}/api/documents`, { method: 'PUT', headers: auth });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, DELETE');
  });

  it('the OpenAPI document describes POST and DELETE /api/documents only when they are served', async () => {
    const methods = async (url: string, headers: Record<string, string> = {}) => {
      const doc = (await (await fetch(`${url}/api/openapi.json`, { headers })).json()) as {
        paths: Record<string, object>;
      };
      return Object.keys(doc.paths['/api/documents'] ?? {});
    };
    expect(await methods(server.url, auth)).toEqual(['get', 'post', 'delete']);
    const off = await listenWithoutUploads();
    try {
      expect(await methods(off.url)).toEqual(['get']);
    } finally {
      await off.close();
    }
  });

  it('without uploads, POST and DELETE get 405 with Allow: GET, the only method served', async () => {
    const off = await listenWithoutUploads();
    try {
      for (const method of ['POST', 'DELETE']) {
        const res = await fetch(`${off.url}/api/documents`, { method });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
        expect(await errorOf(res)).toMatchObject({
          code: 'method_not_allowed',
          message: `${method} /api/documents is not supported; use GET.`,
        });
      }
    } finally {
      await off.close();
    }
  });
});

describe('UPLOADS=0', () => {
  it('the real server lists documents with uploads: false, and POST and DELETE get 405 with Allow: GET', async () => {
    // Its own folder and index; WATCH=1 gives it an ingest queue, which must not bring the routes back.
    const tmp = await tempDir('uploads-off-');
    const ownDocs = path.join(tmp.dir, 'docs');
    const indexDir = path.join(tmp.dir, 'index');
    await put(ownDocs, 'zoo.txt', 'The zoo keeper feeds the tapir every morning at nine.\n');
    await ingest({ docsDir: ownDocs, indexDir, provider: localHashProvider() });
    const readOnly = await start(indexDir, { UPLOADS: '0', WATCH: '1' }, { docsDir: ownDocs });
    try {
      const list = await fetch(`${readOnly.url}/api/documents`);
      expect(list.status).toBe(200);
      expect(DocumentsResponseSchema.parse(await list.json())).toMatchObject({
        documents: [{ source: 'zoo.txt' }],
        uploads: false,
      });

      const attempts = [
        [
          'POST',
          () =>
            fetch(`${readOnly.url}/api/documents`, { method: 'POST', body: form('notes.md', '# Notes\n\nHello.\n') }),
        ],
        ['DELETE', () => fetch(`${readOnly.url}/api/documents?path=zoo.txt`, { method: 'DELETE' })],
      ] as const;
      for (const [method, send] of attempts) {
        const res = await send();
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
        expect(await errorOf(res)).toMatchObject({
          code: 'method_not_allowed',
          message: `${method} /api/documents is not supported; use GET.`,
        });
      }
      expect(await readdir(ownDocs)).toEqual(['zoo.txt']);

      const doc = (await (await fetch(`${readOnly.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
      expect(Object.keys(doc.paths['/api/documents'] ?? {})).toEqual(['get']);
    } finally {
      await readOnly.close();
      await tmp.cleanup();
    }
  });
});
