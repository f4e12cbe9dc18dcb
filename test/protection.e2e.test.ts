import OpenAI from 'openai-v6';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIMITS } from '../core/protocol.js';
import type { RunningServer } from '../server/start.js';
import { ingestInto, QUESTION, slowProvider, start, tempDir } from './api-harness.js';

const KEY = 'test-key-0123456789';
type Frame = { type: string; id?: string; code?: string };

/** Open a WebSocket; resolves once open, or rejects with the HTTP status that refused the upgrade. */
function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + '/ws' + (options.headers?.['x-query'] ?? ''), options);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`status ${res.statusCode} retry-after ${res.headers['retry-after'] ?? ''}`)),
    );
    ws.once('error', reject);
  });
}

/** Collect frames until `until` matches one (bounded by the test timeout). */
function framesUntil(ws: WebSocket, until: (f: Frame) => boolean): Promise<Frame[]> {
  return new Promise((resolve) => {
    const frames: Frame[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      frames.push(frame);
      if (until(frame)) resolve(frames);
    });
  });
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
const ask = (id: string) => JSON.stringify({ type: 'ask', id, question: QUESTION });

describe('protection', () => {
  let indexDir: string;
  let cleanup: () => Promise<void>;
  const servers: RunningServer[] = [];
  const serve = async (env: Record<string, string>, slow = false) => {
    const s = await start(indexDir, env, slow ? { provider: slowProvider(300) } : {});
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    const temp = await tempDir('docqa-protect-');
    cleanup = temp.cleanup;
    indexDir = temp.dir;
    await ingestInto(indexDir);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await cleanup?.();
  });

  describe('API key', () => {
    let s: RunningServer;
    beforeAll(async () => {
      s = await serve({ API_KEY: KEY });
    });
    const askHttp = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ question: QUESTION }),
      });

    it('requires the bearer key on /api, /v1 and on routes mounted later, but not on the probes', async () => {
      expect((await askHttp({})).status).toBe(401);
      expect((await askHttp({ authorization: 'Bearer wrong-key-123' })).status).toBe(401);
      const ok = await askHttp({ authorization: `Bearer ${KEY}` });
      expect(ok.status).toBe(200);
      expect((await fetch(`${s.url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${s.url}/api/openapi.json`)).status).toBe(401);
      // A route nobody has written yet is still behind the key (401, not 404).
      const future = await fetch(`${s.url}/api/documents/upload`, { method: 'POST' });
      expect(future.status).toBe(401);
      expect((await future.json()).error.code).toBe('unauthorized');
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      expect((await fetch(`${s.url}/api/ready`)).status).toBe(200);
    });

    it('puts /metrics behind the key too, unless METRICS_PUBLIC=1', async () => {
      expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('docqa_http_requests_total');
      const open = await serve({ API_KEY: KEY, METRICS_PUBLIC: '1' });
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${open.url}/api/documents`)).status).toBe(401);
    });

    it('accepts the key on the WebSocket upgrade as a header or ?api_key=, and refuses a wrong one', async () => {
      const byHeader = await connect(s.url, { headers: { authorization: `Bearer ${KEY}` } });
      const byQuery = await connect(s.url, { headers: { 'x-query': `?api_key=${KEY}` } });
      for (const ws of [byHeader, byQuery]) {
        const frames = framesUntil(ws, (f) => f.type === 'done' || f.type === 'error');
        ws.send(ask('q'));
        expect((await frames).at(-1)?.type).toBe('done');
        ws.close();
      }
      await expect(connect(s.url, { headers: { 'x-query': '?api_key=wrong-key-123' } })).rejects.toThrow('status 401');
    });

    it('accepts a first auth frame, and closes with 1008 when the first frame is anything else', async () => {
      const good = await connect(s.url);
      const frames = framesUntil(good, (f) => f.type === 'done' || f.type === 'error');
      good.send(JSON.stringify({ type: 'auth', apiKey: KEY }));
      good.send(ask('q'));
      expect((await frames).at(-1)?.type).toBe('done');
      good.close();

      const bad = await connect(s.url);
      const refused = framesUntil(bad, (f) => f.type === 'error');
      const code = closed(bad);
      bad.send(ask('q'));
      expect((await refused)[0]?.code).toBe('unauthorized');
      expect(await code).toBe(1008);
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After once a client has used its per-minute allowance; probes are exempt', async () => {
      const s = await serve({ RATE_LIMIT_RPM: '3' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${s.url}/api/documents`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${s.url}/v1/models`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('20');
      expect((await limited.json()).error.code).toBe('rate_limited');
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      // The page's own files are not limited: reloading the chat page does not use up the allowance.
      expect((await fetch(`${s.url}/`)).status).toBe(200);
      await expect(connect(s.url)).rejects.toThrow('status 429 retry-after 20');
    });

    it('limits WebSocket messages from the same bucket, with an error frame, keeping the connection', async () => {
      const s = await serve({ RATE_LIMIT_RPM: '3' });
      const ws = await connect(s.url); // the upgrade takes one token
      const frames = framesUntil(ws, (f) => f.id === 'c' && f.type === 'error');
      ws.send(ask('a'));
      ws.send(ask('b'));
      ws.send(ask('c'));
      const got = await frames;
      expect(got.find((f) => f.id === 'c')?.code).toBe('rate_limited');
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
    });

    it('lets a client over its allowance still stop a question with cancel', async () => {
      const s = await serve({ RATE_LIMIT_RPM: '2' }, true);
      const ws = await connect(s.url); // the upgrade takes one token, the ask the other
      const frames = framesUntil(ws, (f) => f.id === 'a' && (f.type === 'error' || f.type === 'done'));
      ws.send(ask('a'));
      ws.send(JSON.stringify({ type: 'cancel', id: 'a' }));
      const got = await frames;
      expect(got.filter((f) => f.type === 'error').map((f) => f.code)).toEqual(['cancelled']);
      ws.close();
    });

    it('keys clients by X-Forwarded-For only through proxies TRUST_PROXY trusts', async () => {
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      const documents = (s: { url: string }, address: string) =>
        fetch(`${s.url}/api/documents`, from(address)).then((r) => r.status);

      // Untrusted: the header is ignored, so a client cannot forge addresses to dodge the limit.
      const open = await serve({ RATE_LIMIT_RPM: '2' });
      expect([
        await documents(open, '203.0.113.1'),
        await documents(open, '203.0.113.2'),
        await documents(open, '203.0.113.3'),
      ]).toEqual([200, 200, 429]);

      // Behind one trusted hop (the test talks over loopback), each forwarded address has its own allowance.
      const proxied = await serve({ RATE_LIMIT_RPM: '2', TRUST_PROXY: 'loopback' });
      expect([
        await documents(proxied, '203.0.113.1'),
        await documents(proxied, '203.0.113.1'),
        await documents(proxied, '203.0.113.1'),
      ]).toEqual([200, 200, 429]);
      expect(await documents(proxied, '203.0.113.2')).toBe(200);
      await expect(connect(proxied.url, from('203.0.113.1'))).rejects.toThrow('status 429');
      (await connect(proxied.url, from('203.0.113.3'))).close();
    });

    it('is off with RATE_LIMIT_RPM=0', async () => {
      const s = await serve({ RATE_LIMIT_RPM: '0' });
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => fetch(`${s.url}/api/documents`).then((r) => r.status)),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
    });
  });

  it('limits concurrent questions per WebSocket connection, freeing a slot when one ends', async () => {
    const s = await serve({ MAX_QUESTIONS_PER_CONNECTION: '2' }, true);
    const ws = await connect(s.url);
    const ended = (id: string) => (f: Frame) => f.id === id && (f.type === 'done' || f.type === 'error');
    const done = new Set<string>();
    const firstTwo = framesUntil(ws, (f) => f.type === 'done' && done.add(f.id ?? '').has('q1') && done.has('q2'));
    const third = framesUntil(ws, ended('q3'));
    ws.send(ask('q1'));
    ws.send(ask('q2'));
    ws.send(ask('q3'));
    // Each question spends 300 ms embedding, so q3 arrives while q1 and q2 still run.
    expect((await third).find((f) => f.id === 'q3')).toMatchObject({ type: 'error', code: 'too_many_questions' });
    expect(
      (await firstTwo)
        .filter((f) => f.type === 'done')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['q1', 'q2']);
    const fourth = framesUntil(ws, ended('q4'));
    ws.send(ask('q4'));
    expect((await fourth).at(-1)?.type).toBe('done');
    ws.close();
  });

  it('refuses a WebSocket from a foreign browser origin, allows a listed one', async () => {
    const s = await serve({ CORS_ORIGINS: 'https://app.example.com' });
    await expect(connect(s.url, { origin: 'https://evil.example.net' })).rejects.toThrow('status 403');
    (await connect(s.url, { origin: 'https://app.example.com' })).close();
    (await connect(s.url, { origin: s.url })).close(); // same origin
  });

  it('sends security headers with a CSP that allows same-origin scripts only', async () => {
    const s = await serve({});
    const res = await fetch(`${s.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sends CORS headers only to configured origins', async () => {
    const closedByDefault = await serve({});
    const none = await fetch(`${closedByDefault.url}/api/documents`, {
      headers: { origin: 'https://app.example.com' },
    });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();

    const open = await serve({ CORS_ORIGINS: 'https://app.example.com, https://other.example.org' });
    const allowed = await fetch(`${open.url}/api/documents`, { headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const preflight = await fetch(`${open.url}/api/ask`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://other.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const foreign = await fetch(`${open.url}/api/documents`, { headers: { origin: 'https://evil.example.net' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a listed origin send the headers the official openai client adds (X-Stainless-*) to /v1', async () => {
    const open = await serve({ CORS_ORIGINS: 'https://app.example.com' });
    // The header names the client really sends, read off one request.
    let sent: string[] = [];
    const client = new OpenAI({
      baseURL: `${open.url}/v1`,
      apiKey: 'x',
      maxRetries: 0,
      fetch: (url, init) => {
        sent = [];
        new Headers(init?.headers).forEach((_value, name) => sent.push(name));
        return fetch(url, init);
      },
    });
    await client.models.list();
    expect(sent).toContain('x-stainless-lang');
    const preflight = await fetch(`${open.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': sent.join(','),
      },
    });
    expect(preflight.status).toBe(204);
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(sent.filter((h) => !allowed.includes(h))).toEqual([]);
  });

  it('refuses bodies over the size limit', async () => {
    const s = await serve({});
    const res = await fetch(`${s.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'x', pad: 'y'.repeat(LIMITS.bodyBytes) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});
