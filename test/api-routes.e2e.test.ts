import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEventSchema, DocumentsResponseSchema, SourceResponseSchema } from '../core/protocol.js';
import type { RunningServer } from '../server/start.js';
import { CORPUS, ingestInto, parseSse, QUESTION, start, tempDir } from './api-harness.js';

/** The JSON API beyond /api/ask: streaming, sources, the OpenAPI document, request ids and metrics. */
describe('HTTP API', () => {
  let server: RunningServer;
  let base: string;
  let cleanup: () => Promise<void>;
  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const temp = await tempDir('docqa-api-');
    cleanup = temp.cleanup;
    base = temp.dir;
    const docs = path.join(base, 'docs');
    await cp(CORPUS, docs, { recursive: true });
    await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET outside the docs folder');
    await ingestInto(path.join(base, 'index'), docs);
    // Planted after ingest, as an attacker with write access to the docs folder would.
    await symlink(path.join(base, 'secret.txt'), path.join(docs, 'leak.txt'));
    await mkdir(path.join(docs, 'sub'));
    server = await start(path.join(base, 'index'), {}, { docsDir: docs });
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('streams /api/ask as server-sent events with the WebSocket event types', async () => {
    const res = await post('/api/ask', { question: QUESTION, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('passages');
    expect(names.at(-1)).toBe('done');
    expect(names.filter((n) => n === 'delta').length).toBeGreaterThan(0);
    const parsed = events.map((e) => AnswerEventSchema.parse(JSON.parse(e.data)));
    const deltas = parsed.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    const done = parsed.at(-1);
    expect(done?.type === 'done' && done.answer).toBe(deltas);
    expect(deltas).toBe('Zabihullah Mujahid');
  });

  it('refuses a bad streaming request with a JSON 400 before any event', async () => {
    const res = await post('/api/ask', { question: '', stream: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect((await res.json()).error.code).toBe('invalid_request');
  });

  it('lists the indexed documents with chunk counts', async () => {
    const res = await fetch(`${server.url}/api/documents`);
    const body = DocumentsResponseSchema.parse(await res.json());
    expect(body.documents.map((d) => d.source).sort()).toEqual([
      '000_60de2d17179a020e.txt',
      '003_c449010215894527.txt',
    ]);
    expect(body.documents.every((d) => d.chunks > 0)).toBe(true);
    expect(body.failed).toEqual([]);
    expect(body.skipped).toEqual([]);
  });

  it('serves an indexed document whose lines match the citations', async () => {
    const res = await fetch(`${server.url}/api/sources?path=003_c449010215894527.txt`);
    expect(res.status).toBe(200);
    const body = SourceResponseSchema.parse(await res.json());
    expect(body.format).toBe('text');
    expect(body.text.split('\n')[8]).toContain('Zabihullah Mujahid'); // the answer cites line 9
    expect(body.lines).toBe(body.text.split('\n').length);
  });

  it('says when a document changed on disk after it was indexed', async () => {
    const source = `${server.url}/api/sources?path=000_60de2d17179a020e.txt`;
    expect(SourceResponseSchema.parse(await (await fetch(source)).json()).changedSinceIndexed).toBe(false);
    const file = path.join(base, 'docs', '000_60de2d17179a020e.txt');
    const original = await readFile(file, 'utf8');
    try {
      await writeFile(file, `A new first line.\n${original}`);
      const edited = SourceResponseSchema.parse(await (await fetch(source)).json());
      expect(edited.changedSinceIndexed).toBe(true);
      expect(edited.text.startsWith('A new first line.')).toBe(true);
    } finally {
      await writeFile(file, original);
    }
  });

  it.each([
    ['../secret.txt', 400],
    ['%2e%2e/secret.txt', 400],
    ['%252e%252e%252fsecret.txt', 404],
    ['..%2fsecret.txt', 400],
    ['sub/..%2f..%2fsecret.txt', 400],
    ['..%5csecret.txt', 400],
    [encodeURIComponent(path.join('/', 'etc', 'passwd')), 400],
    ['003_c449010215894527.txt%00.md', 400],
    ['leak.txt', 404],
    ['package.json', 404],
    ['', 400],
  ])('refuses path=%s with %i and never reads outside the docs folder', async (query, status) => {
    const res = await fetch(`${server.url}/api/sources?path=${query}`);
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(text).not.toContain('TOP SECRET');
    expect(JSON.parse(text).error.code).toBe(status === 400 ? 'invalid_request' : 'not_found');
  });

  it('serves an OpenAPI 3 document generated from the protocol schemas', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of [
      '/api/ask',
      '/api/sources',
      '/api/documents',
      '/v1/chat/completions',
      '/v1/models',
      '/api/ready',
    ])
      expect(doc.paths).toHaveProperty(route);
    const ask = doc.components.schemas.AskRequest!;
    expect(Object.keys(ask.properties ?? {})).toEqual(expect.arrayContaining(['question', 'k', 'history', 'stream']));
    expect(ask.required).toEqual(['question']);
    expect(Object.keys(doc.paths['/api/documents'] as object).sort()).toEqual(['delete', 'get', 'post']);
    for (const [route, method] of [
      ['/api/ask', 'post'],
      ['/api/documents', 'post'],
      ['/v1/chat/completions', 'post'],
    ] as const) {
      expect((doc.paths[route] as Record<string, { responses: object }>)[method]?.responses).toHaveProperty('413');
    }
    expect(Object.keys(doc.components.schemas.UploadResponse?.properties ?? {})).toEqual(
      expect.arrayContaining(['source', 'replaced', 'index']),
    );
  });

  it('gives every response a request id, keeping a sane incoming one and replacing a bad one', async () => {
    const own = await fetch(`${server.url}/api/health`, { headers: { 'X-Request-Id': 'client-abc.123' } });
    expect(own.headers.get('x-request-id')).toBe('client-abc.123');
    const bad = await fetch(`${server.url}/api/health`, { headers: { 'X-Request-Id': 'x'.repeat(300) } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${server.url}/nope`);
    expect(none.status).toBe(404);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics counting the requests just made and answer latency by phase', async () => {
    const before = await metricValue('docqa_http_requests_total{method="POST",route="/api/ask",status="200"}');
    expect((await post('/api/ask', { question: QUESTION })).status).toBe(200);
    expect((await fetch(`${server.url}/api/sources?path=../x`)).status).toBe(400);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(value(text, 'docqa_http_requests_total{method="POST",route="/api/ask",status="200"}')).toBe(before + 1);
    expect(
      value(text, 'docqa_http_requests_total{method="GET",route="/api/sources",status="400"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value(text, 'docqa_answer_seconds_count{phase="retrieval"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'docqa_answer_seconds_count{phase="generation"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'docqa_index_chunks')).toBe(server.holder.current?.manifest.counts.chunks);
    expect(text).toContain('docqa_websocket_connections 0');
  });

  async function metricValue(series: string): Promise<number> {
    return value(await (await fetch(`${server.url}/metrics`)).text(), series);
  }
});

function value(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
