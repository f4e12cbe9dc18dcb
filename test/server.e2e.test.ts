import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../core/config.js';
import { AskResponseSchema, ErrorBodySchema, LIMITS } from '../core/protocol.js';
import { askFrame, newMessage } from '../client/src/conversation.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { startServer, type RunningServer } from '../server/start.js';
import { collectFrames, FRAME_TIMEOUT_MS, isFinal } from './fakes/ws-client.js';

/**
 * End to end against the real server (HTTP + WebSocket on one ephemeral port), answering from the
 * shipped corpus with the offline local-hash embedder.
 */

const docsDir = path.resolve(import.meta.dirname, '../corpus');

interface Frame {
  type: string;
  id?: string;
  [key: string]: unknown;
}

let tmp: string;
let server: RunningServer;
let wsUrl: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'docqa-server-e2e-'));
  const indexDir = path.join(tmp, 'index');
  const provider = localHashProvider();
  await ingest({ docsDir, indexDir, provider });
  // An empty env so the machine's settings do not leak in; logging silenced to keep output readable.
  server = await startServer(
    {
      ...loadConfig({}),
      LOG_LEVEL: 'silent',
      PORT: 0,
      HOST: '127.0.0.1',
      docsDir,
      indexDir,
      dataDir: path.join(tmp, 'data'),
    },
    provider,
  );
  wsUrl = `ws://127.0.0.1:${server.port}/ws`;
});

afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('start-up', () => {
  it('says a port in use is in use, without crashing the process', async () => {
    const provider = localHashProvider();
    const config = {
      ...loadConfig({}),
      LOG_LEVEL: 'silent' as const,
      PORT: server.port,
      HOST: '127.0.0.1',
      docsDir,
      indexDir: path.join(tmp, 'index'),
      dataDir: path.join(tmp, 'data'),
    };
    await expect(startServer(config, provider)).rejects.toThrow(
      `127.0.0.1:${server.port} is already in use (another server is running there); stop it or set PORT to a free port.`,
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

// ---------- helpers ----------

function postJson(route: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(server.url + route, { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  const body = ErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

/** Open a socket to /ws; resolves once open. Every socket opened here is closed after the test. */
const openSockets: WebSocket[] = [];
function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    openSockets.push(ws);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The frames for question `id`, up to and including its `done` or `error`. */
function framesFor(ws: WebSocket, id: string): Promise<Frame[]> {
  return collectFrames(ws, (f) => f.id === id, isFinal);
}

/** The next error frame on the socket, whatever its id. */
async function nextError(ws: WebSocket): Promise<Frame> {
  const [frame] = await collectFrames(
    ws,
    (f) => f.type === 'error',
    () => true,
  );
  return frame!;
}

/** Ask on the socket and return its frames (listener installed before sending). */
function ask(ws: WebSocket, id: string, question: string): Promise<Frame[]> {
  const frames = framesFor(ws, id);
  ws.send(JSON.stringify({ type: 'ask', id, question }));
  return frames;
}

// ---------- HTTP ----------

describe('HTTP API', () => {
  it('GET /api/health reports the loaded index', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; index: { files: number; chunks: number } };
    expect(body.status).toBe('ok');
    expect(body.index.files).toBe(2);
    expect(body.index.chunks).toBeGreaterThan(0);
  });

  it('POST /api/ask answers with a citation whose quote is at the cited lines', async () => {
    const res = await postJson(
      '/api/ask',
      JSON.stringify({ question: 'Who is the spokesperson of the Taliban government?' }),
    );
    expect(res.status).toBe(200);
    const body = AskResponseSchema.parse(await res.json());
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('Zabihullah Mujahid');
    expect(body.passages.length).toBeGreaterThan(0);
    const cite = body.citations[0];
    expect(cite?.source).toBe('003_c449010215894527.txt');
    expect(cite!.startLine).toBeGreaterThan(0);
    expect(cite!.endLine).toBeGreaterThanOrEqual(cite!.startLine);
    const lines = (await readFile(path.join(docsDir, cite!.source), 'utf8')).split('\n');
    expect(cite!.endLine).toBeLessThanOrEqual(lines.length);
    const cited = lines.slice(cite!.startLine - 1, cite!.endLine).join('\n');
    expect(cite!.quote.length).toBeGreaterThan(0);
    expect(cited).toContain(cite!.quote);
  });

  it('POST /api/ask answers a valid ask after a long conversation: 20 turns with 4,000-character answers', async () => {
    const history = Array.from({ length: LIMITS.historyTurns }, (_, i) => ({
      question: `Earlier question ${i}?`,
      answer: 'Kabul and Islamabad held talks. '.repeat(125),
    }));
    expect(history[0]!.answer.length).toBe(4000);
    const res = await postJson(
      '/api/ask',
      JSON.stringify({ question: 'Who is the spokesperson of the Taliban government?', history }),
    );
    expect(res.status).toBe(200);
    expect(AskResponseSchema.parse(await res.json()).answer).toContain('Zabihullah Mujahid');
  });

  it('POST /api/ask abstains when the corpus has no answer', async () => {
    const res = await postJson('/api/ask', JSON.stringify({ question: 'Who won the 2022 FIFA World Cup?' }));
    expect(res.status).toBe(200);
    const body = AskResponseSchema.parse(await res.json());
    expect(body.abstained).toBe(true);
    expect(body.citations).toEqual([]);
  });

  it.each([
    ['invalid JSON', '{"question":', 'invalid_json'],
    ['a missing question', '{}', 'invalid_request'],
    // JSON, but not an object: the schema says what was expected, not "not valid JSON".
    ['a null body', 'null', 'invalid_request'],
    ['a string body', '"hi"', 'invalid_request'],
    ['an empty question', JSON.stringify({ question: '   ' }), 'invalid_request'],
    ['a non-string question', JSON.stringify({ question: 42 }), 'invalid_request'],
    ['a 2001-character question', JSON.stringify({ question: 'a'.repeat(2001) }), 'invalid_request'],
  ])('POST /api/ask refuses %s with 400', async (_name, body, code) => {
    await expectError(await postJson('/api/ask', body), 400, code);
  });

  it.each(['/api/ask', '/v1/chat/completions', '/api/admin/reload'])(
    'POST %s refuses a JSON body over the limit with 413, naming the limit',
    async (route) => {
      const body = JSON.stringify({
        question: 'x',
        messages: [{ role: 'user', content: 'x' }],
        padding: 'p'.repeat(LIMITS.bodyBytes),
      });
      const res = await postJson(route, body);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        error: {
          code: 'payload_too_large',
          message: expect.stringMatching(/^The request body is over the \d+(\.\d)? MiB limit\.$/),
        },
      });
    },
  );

  it.each([
    ['a body in an unsupported charset', { 'content-type': 'application/json; charset=latin1' }],
    ['a body in an unsupported Content-Encoding', { 'content-type': 'application/json', 'content-encoding': 'zstd' }],
    ['a body that is not the gzip it claims to be', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  ])('refuses %s with 400 invalid_request, not a 500', async (_name, headers) => {
    for (const route of ['/api/ask', '/v1/chat/completions']) {
      const body = JSON.stringify({ question: 'Who?', messages: [{ role: 'user', content: 'Who?' }] });
      await expectError(await fetch(server.url + route, { method: 'POST', headers, body }), 400, 'invalid_request');
    }
  });

  it('POST /api/ask refuses a non-JSON content type with 400', async () => {
    const res = await postJson('/api/ask', 'Who is the spokesperson?', 'text/plain');
    await expectError(res, 400, 'invalid_request');
  });

  it('answers an unknown route with 404 and the error shape', async () => {
    await expectError(await fetch(`${server.url}/api/nope`), 404, 'not_found');
  });

  it('answers a known route asked with the wrong method with 405 and Allow', async () => {
    const res = await fetch(`${server.url}/api/ask`);
    expect(res.headers.get('allow')).toBe('POST');
    await expectError(res, 405, 'method_not_allowed');
    expect((await fetch(`${server.url}/api/sources?path=x`, { method: 'PUT' })).headers.get('allow')).toBe('GET');
  });

  it("answers the chat page's own paths asked with another method with 405 and Allow: GET, other paths 404", async () => {
    for (const [method, route] of [
      ['POST', '/'],
      ['PUT', '/index.html'],
      ['DELETE', '/main.js'],
      ['POST', '/styles.css'],
    ]) {
      const res = await fetch(`${server.url}${route}`, { method });
      expect(res.headers.get('allow')).toBe('GET');
      await expectError(res, 405, 'method_not_allowed');
    }
    await expectError(await fetch(`${server.url}/nope`, { method: 'POST' }), 404, 'not_found');
    await expectError(await fetch(`${server.url}/nope.js`), 404, 'not_found');
  });

  it('serves the chat page at /', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<html');
  });
});

// ---------- WebSocket ----------

describe('WebSocket /ws', () => {
  afterAll(() => {
    for (const ws of openSockets) ws.terminate();
  });

  it('streams passages, deltas and done for one question, all tagged with its id', async () => {
    const ws = await openSocket();
    const frames = await ask(ws, 'q1', 'Who was elected president of Pakistan?');
    expect(frames.every((f) => f.id === 'q1')).toBe(true);
    const types = frames.map((f) => f.type);
    expect(types[0]).toBe('passages');
    expect(types.at(-1)).toBe('done');
    const middle = types.slice(1, -1);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle.every((t) => t === 'delta')).toBe(true);
    const done = frames.at(-1) as Frame & { answer: string; citations: unknown[] };
    const streamed = frames
      .filter((f) => f.type === 'delta')
      .map((f) => f.text as string)
      .join('');
    expect(streamed.trim()).toBe(done.answer.trim());
    expect(done.answer).toContain('Zardari');
    expect(done.citations.length).toBeGreaterThan(0);
  });

  const badFrames: [name: string, payload: string | Buffer, code: string, id?: string][] = [
    ['a non-JSON text frame', 'not json {', 'invalid_json'],
    ['an unknown frame type', JSON.stringify({ type: 'bogus', id: 'x' }), 'invalid_request'],
    ['an ask without a question', JSON.stringify({ type: 'ask', id: 'x2' }), 'invalid_request', 'x2'],
    ['a binary frame', Buffer.from(JSON.stringify({ type: 'ask', id: 'b', question: 'hi' })), 'invalid_request'],
  ];
  it.each(badFrames)(
    'answers %s with an error frame and keeps the connection usable',
    async (_name, payload, code, id) => {
      const ws = await openSocket();
      const error = nextError(ws);
      ws.send(payload, { binary: Buffer.isBuffer(payload) });
      const frame = await error;
      expect(frame.code).toBe(code);
      expect(typeof frame.message).toBe('string');
      if (id) expect(frame.id).toBe(id);
      const after = await ask(ws, 'after', 'Who is the spokesperson of the Taliban government?');
      expect(after.at(-1)?.type).toBe('done');
    },
  );

  it('answers several questions in flight on one connection, each under its own id', async () => {
    const ws = await openSocket();
    const question = 'Who is the spokesperson of the Taliban government?';
    const results = await Promise.all(['a', 'b', 'c'].map((id) => ask(ws, id, question)));
    results.forEach((frames, i) => {
      const id = ['a', 'b', 'c'][i];
      expect(frames.every((f) => f.id === id)).toBe(true);
      expect(frames.at(-1)?.type).toBe('done');
    });
  });

  it("answers the chat page's ask after a long conversation: 20 turns of history with long answers fit in a frame", async () => {
    const ws = await openSocket();
    const earlier = Array.from({ length: LIMITS.historyTurns }, (_, i) => ({
      ...newMessage(`t${i}`, `Earlier question ${i}: ${'why '.repeat(50)}?`),
      status: 'done' as const,
      answer: `A long answer with its sources. ${'Kabul and Islamabad — talks. '.repeat(115)}`,
    }));
    const frame = askFrame('long', 'Who is the spokesperson of the Taliban government?', earlier);
    const frames = framesFor(ws, 'long');
    ws.send(JSON.stringify(frame));
    expect((await frames).at(-1)?.type).toBe('done');
  });

  it('closes the connection with 1009 "message too big" on a frame over the limit', async () => {
    const ws = await openSocket();
    const closed = new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket was not closed')), FRAME_TIMEOUT_MS);
      ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {}); // the close may race the rest of the send; only the close frame matters
    ws.send(JSON.stringify({ type: 'ask', id: 'big', question: 'x'.repeat(LIMITS.frameBytes) }));
    expect(await closed).toEqual({ code: 1009, reason: 'message too big' });
    // The server itself must survive the oversized frame and keep serving.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const again = await ask(await openSocket(), 'after-big', 'Who is the spokesperson of the Taliban government?');
    expect(again.at(-1)?.type).toBe('done');
  });
});
