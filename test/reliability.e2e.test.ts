/**
 * Reliability under hostile input, bounded by counts (never by the clock): seeded fuzzing of every
 * route over HTTP and of WebSocket frames, path-traversal payloads against every route that takes a
 * path, the cross-site and foreign-Host matrix over every route and method, and an API-key matrix
 * (every protected route and method with eight wrong ways to send a key). The invariants: no
 * response of 500 or above (but /api/ready's 503 "reloading the index", which is what that probe is
 * for, while another lane's upload or reload runs), nor an internal_error frame; every refusal in the API's error shape, no
 * byte read or written outside the docs folder, and a server that still answers afterwards.
 * The seed is printed; DOCQA_FUZZ_SEED=<seed> replays a run.
 */
import { connect as tcpConnect } from 'node:net';
import { Agent, request } from 'node:http';
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../server/start.js';
import { CORPUS, ingestInto, QUESTION, start, tempDir } from './api-harness.js';
import { chance, int, jsonValue, junk, multipartBody, nearlyValid, pick, rng, type Rng } from './fuzz-gen.js';
import { clientFrame, multipart, rawUpgrade, socketClosed } from './http-raw.js';

const SEED = Number(process.env.DOCQA_FUZZ_SEED ?? 19_2026_12_07);
/** Sent in LANES concurrent streams, each seeded on its own, so uploads, deletions and reloads overlap. */
const HTTP_REQUESTS = 4000;
const LANES = 4;
const RAW_HTTP_REQUESTS = 200;
const WS_CONNECTIONS = 6;
const WS_FRAMES_PER_CONNECTION = 1000;
const RAW_WS_CONNECTIONS = 300;
const SECRET = 'TOP-SECRET-MARKER-7f3a';

/** Every route this server serves, with its methods (as `Allow` lists them). */
const ROUTES: Record<string, string[]> = {
  '/api/ask': ['POST'],
  '/api/health': ['GET'],
  '/api/ready': ['GET'],
  '/api/admin/reload': ['POST'],
  '/metrics': ['GET'],
  '/api/sources': ['GET'],
  '/api/documents': ['GET', 'POST', 'DELETE'],
  '/v1/models': ['GET'],
  '/v1/models/docqa': ['GET'],
  '/v1/chat/completions': ['POST'],
  '/api/openapi.json': ['GET'],
  '/': ['GET'],
  '/index.html': ['GET'],
  '/main.js': ['GET'],
  '/styles.css': ['GET'],
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

let root: { dir: string; cleanup: () => Promise<void> };
let docs: string;
let s: RunningServer;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const counts: Record<string, number> = {};
const count = (what: string, n = 1) => void (counts[what] = (counts[what] ?? 0) + n);

interface Reply {
  status: number;
  text: string;
}

function send(method: string, target: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // Node frames a GET, DELETE or OPTIONS body only when told its length; unframed, it would read as a second request.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(
      { host: '127.0.0.1', port: s.port, method, path: target, headers: { ...headers, ...length }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A request target that Node will send: bytes outside printable ASCII percent-encoded, the rest (broken escapes too) as they are. */
function target(r: Rng): string {
  const base = chance(r, 0.8)
    ? pick(r, Object.keys(ROUTES))
    : `/${pick(r, ['api', 'v1', 'ws', junk(r, 8)])}/${junk(r, 20)}`;
  const query = chance(r, 0.5)
    ? `?${pick(r, ['path', 'api_key', 'k', junk(r, 5)])}=${junk(r, 30)}${chance(r, 0.2) ? `&path=${junk(r, 10)}` : ''}`
    : '';
  return [...(base + query)]
    .map((ch) => (/^[\x21-\x7e]$/.test(ch) ? ch : encodeURIComponent(ch).replace(/%25/g, '%')))
    .join('');
}

/** Headers a fuzzed request carries: mostly plausible, sometimes contradictory, never ones Node refuses to send. */
function headersFor(r: Rng, body: { type?: string; length: number }): Record<string, string> {
  const printable = (v: string) => v.replace(/[^\x20-\x7e]/g, '?');
  const h: Record<string, string> = {};
  if (body.type) h['content-type'] = printable(body.type);
  if (chance(r, 0.05)) h['content-encoding'] = pick(r, ['gzip', 'deflate', 'br', 'x-junk']);
  if (chance(r, 0.1))
    h['content-type'] = pick(r, [
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      printable(junk(r, 15)),
    ]);
  if (chance(r, 0.1)) h.authorization = pick(r, ['Bearer', 'Bearer x', 'Basic abc', printable(junk(r, 30))]);
  if (chance(r, 0.1)) h.accept = pick(r, ['text/event-stream', 'application/json', '*/*', printable(junk(r, 10))]);
  if (chance(r, 0.05)) h.origin = `http://127.0.0.1:${s.port}`;
  if (chance(r, 0.05)) h['x-request-id'] = printable(junk(r, 80));
  return h;
}

function bodyFor(r: Rng, method: string, route: string): { body?: Buffer; type?: string; length: number } {
  if (method === 'GET' || method === 'HEAD' || chance(r, 0.1)) return { length: 0 };
  if (route.startsWith('/api/documents') && chance(r, 0.7)) {
    const m = multipartBody(r);
    return { body: m.body, type: m.type, length: m.body.length };
  }
  const kind = int(r, 5);
  const text =
    kind === 0
      ? JSON.stringify(jsonValue(r))
      : kind === 1
        ? JSON.stringify(nearlyValid(r)).slice(0, chance(r, 0.2) ? int(r, 40) : undefined)
        : kind === 2
          ? junk(r, 200)
          : JSON.stringify(nearlyValid(r));
  const body = Buffer.from(text);
  return { body, type: chance(r, 0.85) ? 'application/json' : undefined, length: body.length };
}

beforeAll(async () => {
  root = await tempDir('docqa-reliability-');
  docs = path.join(root.dir, 'docs');
  await cp(CORPUS, docs, { recursive: true });
  await writeFile(path.join(root.dir, 'secret.txt'), `${SECRET} outside the docs folder\n`);
  await mkdir(path.join(root.dir, 'docs-sibling'));
  await writeFile(
    path.join(root.dir, 'docs-sibling', 'x.txt'),
    `${SECRET} in a folder whose name starts like the docs folder's\n`,
  );
  await ingestInto(path.join(root.dir, 'index'), docs);
  // Planted after ingest, as someone with write access to the docs folder could.
  await symlink(path.join(root.dir, 'secret.txt'), path.join(docs, 'leak.txt'));
  s = await start(path.join(root.dir, 'index'), { RATE_LIMIT_RPM: '0', MAX_FILE_MB: '0.05' }, { docsDir: docs });
  console.log(`reliability seed ${SEED} (DOCQA_FUZZ_SEED=${SEED} replays it)`);
});

afterAll(async () => {
  console.log(`reliability counts: ${JSON.stringify(counts)}`);
  agent.destroy();
  await s?.close();
  await root?.cleanup();
});

/** What is outside the docs folder is exactly what the test put there. */
async function outsideUntouched(): Promise<void> {
  expect((await readdir(root.dir)).sort()).toEqual(['docs', 'docs-sibling', 'index', 'secret.txt']);
  expect(await readdir(path.join(root.dir, 'docs-sibling'))).toEqual(['x.txt']);
  expect(await readFile(path.join(root.dir, 'secret.txt'), 'utf8')).toContain(SECRET);
}

async function stillAnswers(): Promise<void> {
  expect((await send('GET', '/api/health', {})).status).toBe(200);
  const res = await send(
    'POST',
    '/api/ask',
    { 'content-type': 'application/json' },
    JSON.stringify({ question: QUESTION }),
  );
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text).answer).toContain('Zabihullah Mujahid');
}

describe('seeded HTTP fuzzing of every route', () => {
  it(
    `answers ${HTTP_REQUESTS} fuzzed requests with no status of 500 or above, refusals in the error shape`,
    { timeout: 120_000 },
    async () => {
      const bad: string[] = [];
      const lane = async (n: number) => {
        const r = rng(SEED + 100 + n);
        for (let i = n; i < HTTP_REQUESTS; i += LANES) {
          const method = chance(r, 0.7) ? pick(r, ROUTES[pick(r, Object.keys(ROUTES))]!) : pick(r, METHODS);
          const t = target(r);
          const body = bodyFor(r, method, t);
          const headers = headersFor(r, body);
          const res = await send(method, t, headers, body.body).catch((err: Error) => {
            throw new Error(`#${i} ${method} ${t} ${JSON.stringify(headers)}: ${err.message} (seed ${SEED})`);
          });
          count('http requests');
          count(`http ${res.status}`);
          // The readiness probe's 503 is its answer, not a failure: a fuzzed reload or upload in another lane is reloading the index.
          if (
            res.status === 503 &&
            t.split('?')[0] === '/api/ready' &&
            (method === 'HEAD' || /"reason":"reloading the index"/.test(res.text))
          )
            count('readiness 503 while reloading');
          else if (res.status >= 500) bad.push(`#${i} ${method} ${t} -> ${res.status} ${res.text.slice(0, 200)}`);
          else if (res.status >= 400 && method !== 'HEAD') {
            const code = (() => {
              try {
                return (JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } }).error;
              } catch {
                return undefined;
              }
            })();
            if (typeof code?.code !== 'string' || typeof code.message !== 'string' || !code.message)
              bad.push(`#${i} ${method} ${t} -> ${res.status} not in the error shape: ${res.text.slice(0, 200)}`);
          }
          if (res.text.includes(SECRET)) bad.push(`#${i} ${method} ${t} leaked the secret`);
        }
      };
      await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)));
      expect(bad, `seed ${SEED}`).toEqual([]);
      await outsideUntouched();
      await stillAnswers();
    },
  );

  it(`survives ${RAW_HTTP_REQUESTS} requests that are not HTTP at all`, async () => {
    const r = rng(SEED + 1);
    for (let i = 0; i < RAW_HTTP_REQUESTS; i++) {
      const socket = tcpConnect(s.port, '127.0.0.1');
      const line = pick(r, [
        `GET /${junk(r, 30)} HTTP/1.1\r\n`,
        `${junk(r, 10)} / HTTP/9.9\r\n`,
        'POST /api/ask HTTP/1.1\r\nContent-Length: -1\r\n',
        'POST /api/ask HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ]);
      socket.on('error', () => undefined);
      socket.end(Buffer.from(`${line}Host: 127.0.0.1\r\n${junk(r, 60)}\r\n\r\n`, 'latin1'));
      socket.resume();
      await socketClosed(socket);
      count('raw http requests');
    }
    await stillAnswers();
  });
});

describe('path traversal', () => {
  const PAYLOADS = [
    '../secret.txt',
    '../../secret.txt',
    '..%2fsecret.txt',
    '%2e%2e/secret.txt',
    '%2e%2e%2fsecret.txt',
    '%252e%252e%252fsecret.txt',
    '..%c0%afsecret.txt',
    '..%5csecret.txt',
    '..\\secret.txt',
    '....//secret.txt',
    '..../secret.txt',
    '.../secret.txt',
    'sub/../../secret.txt',
    'corpus/../../secret.txt',
    './../secret.txt',
    '/etc/passwd',
    '/proc/self/environ',
    'C:\\Windows\\win.ini',
    'C:/Windows/win.ini',
    '\\\\server\\share\\x.txt',
    '//server/share/x.txt',
    'file:///etc/passwd',
    '~/secret.txt',
    '~root/.ssh/id_rsa',
    '..',
    '.',
    '../',
    '../docs-sibling/x.txt',
    '../docs/../secret.txt',
    'leak.txt',
    './leak.txt',
    'secret.txt%00.txt',
    'secret.txt\u0000.txt',
    '\uff0e\uff0e/secret.txt',
    '..\u2215secret.txt',
    '..\u2044secret.txt',
    '%u002e%u002e/secret.txt',
    `${'../'.repeat(30)}etc/passwd`,
    '.git/config',
    '.env',
    'a/./../../secret.txt',
    '\u202e../secret.txt',
    '..;/secret.txt',
    '..%00/secret.txt',
  ];
  const q = (p: string) => encodeURIComponent(p);
  const VECTORS: [string, (p: string) => Promise<Reply>][] = [
    ['GET /api/sources?path=', (p) => send('GET', `/api/sources?path=${q(p)}`, {})],
    [
      'GET /api/sources (raw)',
      (p) => send('GET', `/api/sources?path=${p.replace(/[^\x21-\x7e]/g, encodeURIComponent)}`, {}),
    ],
    ['DELETE /api/documents?path=', (p) => send('DELETE', `/api/documents?path=${q(p)}`, {})],
    [
      'GET /<page file>',
      (p) => send('GET', `/${p.replace(/[^\x21-\x7e]/g, encodeURIComponent).replace(/\\/g, '%5c')}`, {}),
    ],
    ['POST /api/documents path field', (p) => uploadTo(p, 'note.txt')],
    ['POST /api/documents file name', (p) => uploadTo(undefined, p)],
  ];

  async function uploadTo(folder: string | undefined, name: string): Promise<Reply> {
    const B = 'trav-boundary';
    const file = `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${name.replace(/"/g, '%22').replace(/[\r\n\u0000]/g, '_')}"\r\nContent-Type: text/plain\r\n\r\nThe traversal test file.\r\n`;
    const field =
      folder === undefined
        ? ''
        : `--${B}\r\nContent-Disposition: form-data; name="path"\r\n\r\n${folder.replace(/[\r\n]/g, '_')}\r\n`;
    return send(
      'POST',
      '/api/documents',
      { 'content-type': `multipart/form-data; boundary=${B}` },
      Buffer.from(`${field}${file}--${B}--\r\n`),
    );
  }

  it(
    `refuses ${PAYLOADS.length} payloads on ${VECTORS.length} routes: nothing read, written or deleted outside the docs folder`,
    { timeout: 120_000 },
    async () => {
      const bad: string[] = [];
      for (const [vector, attempt] of VECTORS) {
        for (const payload of PAYLOADS) {
          const res = await attempt(payload);
          count('traversal attempts');
          if (res.status >= 500 || res.text.includes(SECRET))
            bad.push(`${vector} ${JSON.stringify(payload)} -> ${res.status} ${res.text.slice(0, 160)}`);
          // An upload may succeed only under a cleaned name inside the docs folder.
          if (res.status === 200 || res.status === 201) {
            const source = (JSON.parse(res.text) as { source?: string }).source;
            if (
              vector.startsWith('POST') &&
              (typeof source !== 'string' || !path.resolve(docs, source).startsWith(docs + path.sep))
            )
              bad.push(`${vector} ${payload} -> wrote ${source}`);
            if (vector.startsWith('GET /api/sources') || vector.startsWith('DELETE'))
              bad.push(`${vector} ${JSON.stringify(payload)} -> ${res.status}`);
          }
        }
      }
      expect(bad).toEqual([]);
      await outsideUntouched();
    },
  );
});

describe('cross-site and foreign-Host matrix over every route and method', () => {
  it(
    'refuses every route and method for a foreign Host (421), and every write from a foreign Origin (403)',
    { timeout: 60_000 },
    async () => {
      const bad: string[] = [];
      for (const route of Object.keys(ROUTES)) {
        for (const method of METHODS) {
          const host = await send(method, route, { host: `evil.example:${s.port}` });
          count('foreign host cases');
          if (host.status !== 421) bad.push(`${method} ${route} Host evil -> ${host.status}`);
          if (['GET', 'HEAD', 'OPTIONS'].includes(method)) continue;
          const m = multipart('cross-site.txt', 'Written cross-site.');
          const origin = await send(method, route, { origin: 'http://evil.example', 'content-type': m.type }, m.body);
          const fetchMeta = await send(
            method,
            route,
            { 'sec-fetch-site': 'cross-site', 'content-type': m.type },
            m.body,
          );
          count('cross-site cases', 2);
          if (origin.status !== 403 || fetchMeta.status !== 403)
            bad.push(`${method} ${route} cross-site -> ${origin.status}/${fetchMeta.status}`);
        }
      }
      expect(bad).toEqual([]);
      expect(await readdir(docs)).not.toContain('cross-site.txt');
    },
  );
});

describe('API key matrix over every route, method and key variant', () => {
  const KEY = 'reliability-key-0123456789';
  let keyed: RunningServer;
  beforeAll(async () => {
    keyed = await start(
      path.join(root.dir, 'index'),
      { API_KEY: KEY, RATE_LIMIT_RPM: '0', UPLOADS: '0' },
      { docsDir: docs },
    );
  });
  afterAll(async () => {
    await keyed?.close();
  });

  /** Ways to send no key, a wrong one, or the right one where HTTP does not read it. */
  const VARIANTS: [string, Record<string, string>, string][] = [
    ['no key', {}, ''],
    ['a wrong key', { authorization: 'Bearer wrong-key-0123456789' }, ''],
    ['the key with a character more', { authorization: `Bearer ${KEY}x` }, ''],
    ['a prefix of the key', { authorization: `Bearer ${KEY.slice(0, -1)}` }, ''],
    ['the key as Basic credentials', { authorization: `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}` }, ''],
    ['an empty Bearer', { authorization: 'Bearer ' }, ''],
    ['the key in the query (WebSocket only)', {}, `?api_key=${KEY}`],
    ['the key in another header', { 'x-api-key': KEY }, ''],
  ];
  const OPEN = new Set(['/api/health', '/api/ready']);
  const PAGE = new Set(['/', '/index.html', '/main.js', '/styles.css']);

  it(
    'refuses every protected route and method without the right key (401), and takes the right one',
    { timeout: 60_000 },
    async () => {
      const bad: string[] = [];
      const call = (method: string, route: string, headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: keyed.port,
              method,
              path: route,
              headers: { 'content-length': '0', ...headers },
              agent,
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end();
        });
      for (const route of Object.keys(ROUTES)) {
        for (const method of METHODS) {
          if (method === 'OPTIONS' || OPEN.has(route) || PAGE.has(route)) continue;
          for (const [name, headers, query] of VARIANTS) {
            const status = await call(method, route + query, headers);
            count('api key cases');
            if (status !== 401) bad.push(`${method} ${route} with ${name} -> ${status}`);
          }
          const right = await call(method, route, { authorization: `Bearer ${KEY}` });
          count('api key cases');
          if (right === 401 || right >= 500) bad.push(`${method} ${route} with the key -> ${right}`);
        }
      }
      expect(bad).toEqual([]);
    },
  );

  it('refuses the WebSocket with a wrong key (401), and closes one whose first frame is not a valid auth frame', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${keyed.port}/ws`, {
      headers: { authorization: 'Bearer wrong-key-0123456789' },
    });
    expect(
      await new Promise<number>((resolve) =>
        refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      ),
    ).toBe(401);
    for (const first of [
      { type: 'ask', id: 'q', question: QUESTION },
      { type: 'auth', apiKey: 'wrong-key-0123456789' },
      { type: 'auth', apiKey: `${KEY} ` },
    ]) {
      const ws = new WebSocket(`ws://127.0.0.1:${keyed.port}/ws`);
      await new Promise((resolve) => ws.once('open', resolve));
      const frames: { type: string; code?: string }[] = [];
      ws.on('message', (d) => frames.push(JSON.parse(String(d))));
      const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
      ws.send(JSON.stringify(first));
      expect(await code).toBe(1008);
      expect(frames).toEqual([expect.objectContaining({ type: 'error', code: 'unauthorized' })]);
      count('api key cases');
    }
  });
});

describe('seeded WebSocket frame fuzzing', () => {
  it(
    `answers ${WS_CONNECTIONS * WS_FRAMES_PER_CONNECTION} fuzzed frames with frames, never an internal error, and keeps each connection usable`,
    { timeout: 120_000 },
    async () => {
      const r = rng(SEED + 2);
      const internal: string[] = [];
      for (let c = 0; c < WS_CONNECTIONS; c++) {
        const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`);
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        let closedWith: number | undefined;
        ws.on('close', (code) => (closedWith = code));
        const finalAsk = JSON.stringify({ type: 'ask', id: 'final', question: QUESTION });
        // The fuzzed asks may fill the connection's allowance (too_many_questions): then the final
        // question is sent again as soon as one of them ends.
        let retry = false;
        const final = new Promise<{ type: string; answer?: string }>((resolve) =>
          ws.on('message', (data) => {
            const frame = JSON.parse(String(data)) as { type: string; id?: string; code?: string; answer?: string };
            if (frame.type === 'error' && frame.code === 'internal_error') internal.push(JSON.stringify(frame));
            const ended = frame.type === 'done' || frame.type === 'error';
            if (frame.id === 'final' && frame.code === 'too_many_questions') retry = true;
            else if (frame.id === 'final' && ended) resolve(frame);
            else if (ended && retry) {
              retry = false;
              ws.send(finalAsk);
            }
          }),
        );
        for (let i = 0; i < WS_FRAMES_PER_CONNECTION; i++) {
          const kind = int(r, 10);
          if (kind < 6) ws.send(JSON.stringify(nearlyValid(r)));
          else if (kind < 8) ws.send(junk(r, 100));
          else if (kind < 9) ws.send(Buffer.from(junk(r, 50)), { binary: true });
          else ws.send(JSON.stringify(jsonValue(r)));
          count('ws frames');
        }
        ws.send(finalAsk);
        const answer = await final;
        expect(closedWith, `connection ${c} closed`).toBeUndefined();
        expect(answer, JSON.stringify(answer)).toMatchObject({
          type: 'done',
          answer: expect.stringContaining('Zabihullah Mujahid'),
        });
        ws.close();
      }
      expect(internal).toEqual([]);
    },
  );

  it(
    `survives ${RAW_WS_CONNECTIONS} connections sending broken frames (bad opcodes, reserved bits, unmasked, wrong lengths)`,
    { timeout: 120_000 },
    async () => {
      const r = rng(SEED + 3);
      for (let c = 0; c < RAW_WS_CONNECTIONS; c++) {
        const { socket, status } = await rawUpgrade(s.port);
        expect(status).toBe(101);
        socket.on('error', () => undefined);
        socket.resume();
        const payload = Buffer.from(junk(r, 60), 'utf8');
        const frame = clientFrame(payload, { opcode: pick(r, [0, 1, 2, 3, 7, 8, 9, 10, 11, 15]), fin: chance(r, 0.7) });
        const breakage = int(r, 4);
        if (breakage === 0) frame[0] = frame[0]! | 0x70; // reserved bits
        if (breakage === 1) frame[1] = frame[1]! & 0x7f; // unmasked: clients must mask
        if (breakage === 2) frame[1] = 0x80 | 127; // a 64-bit length that is not there
        socket.write(breakage === 3 ? Buffer.from(junk(r, 200), 'latin1') : frame);
        count('raw ws frames');
        // Every one of these ends the connection: ws closes on a protocol error; a frame cut short or a
        // fragment never finished is closed by the idle timeout, so end ours rather than wait for it.
        setTimeout(() => socket.destroy(), 200).unref();
        await socketClosed(socket);
      }
      await stillAnswers();
    },
  );
});
