/**
 * The cross-site, DNS-rebinding, malformed-upload and idle-WebSocket cases of issue 19, against a
 * real server on a real port. Everything here waits on events, never on the clock.
 */
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import WebSocket from 'ws';
import type { RunningServer } from '../server/start.js';
import { CORPUS, ingestInto, QUESTION, start, tempDir } from './api-harness.js';
import { clientFrame, multipart, raw, rawUpgrade, socketClosed } from './http-raw.js';

const KEY = 'security-test-key-0123';
const EVIL = 'http://evil.example';

let root: { dir: string; cleanup: () => Promise<void> };
const servers: RunningServer[] = [];

/** A server over its own copy of the corpus (uploads write into it). */
async function serve(env: Record<string, string> = {}): Promise<{ s: RunningServer; docs: string }> {
  const dir = path.join(root.dir, `s${servers.length}`);
  const docs = path.join(dir, 'docs');
  await cp(CORPUS, docs, { recursive: true });
  await ingestInto(path.join(dir, 'index'), docs);
  const s = await start(path.join(dir, 'index'), env, { docsDir: docs });
  servers.push(s);
  return { s, docs };
}

const upload = (s: RunningServer, name: string, headers: Record<string, string> = {}) => {
  const { body, type } = multipart(name, `The ${name} file says the lighthouse keeper is called Ingrid.`);
  return raw(s.port, 'POST', '/api/documents', { 'content-type': type, ...headers }, body);
};

beforeAll(async () => {
  root = await tempDir('docqa-security-');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await root?.cleanup();
});

describe('same-origin writes', () => {
  for (const withKey of [false, true]) {
    describe(withKey ? 'with API_KEY' : 'without API_KEY (the loopback default)', () => {
      let s: RunningServer;
      let docs: string;
      const auth: Record<string, string> = withKey ? { authorization: `Bearer ${KEY}` } : {};
      beforeAll(async () => {
        ({ s, docs } = await serve({ ...(withKey ? { API_KEY: KEY } : {}), CORS_ORIGINS: 'https://app.example.com' }));
      });

      it('refuses an upload, a delete and a reload from a foreign Origin with 403 forbidden_origin, writing nothing', async () => {
        const before = (await readdir(docs)).sort();
        const up = await upload(s, 'evil.txt', { ...auth, origin: EVIL });
        expect(up.status).toBe(403);
        expect(up.json.error).toMatchObject({
          code: 'forbidden_origin',
          message: expect.stringContaining('http://evil.example'),
        });
        const victim = before[0]!;
        const del = await raw(s.port, 'DELETE', `/api/documents?path=${encodeURIComponent(victim)}`, {
          ...auth,
          origin: EVIL,
        });
        expect(del.status).toBe(403);
        expect((await raw(s.port, 'POST', '/api/admin/reload', { ...auth, origin: EVIL })).status).toBe(403);
        expect((await readdir(docs)).sort()).toEqual(before);
      });

      it('refuses Origin: null and, without an Origin, Sec-Fetch-Site: cross-site', async () => {
        expect((await upload(s, 'a.txt', { ...auth, origin: 'null' })).json.error?.code).toBe('forbidden_origin');
        expect((await upload(s, 'a.txt', { ...auth, 'sec-fetch-site': 'cross-site' })).json.error?.code).toBe(
          'forbidden_origin',
        );
        expect((await upload(s, 'a.txt', { ...auth, origin: 'not a url' })).status).toBe(403);
      });

      it("takes writes from the server's own page, from CORS_ORIGINS, and from clients that send no Origin", async () => {
        expect((await upload(s, 'own.txt', { ...auth, origin: `http://127.0.0.1:${s.port}` })).status).toBe(201);
        expect(
          (
            await upload(s, 'own-localhost.txt', {
              ...auth,
              host: `localhost:${s.port}`,
              origin: `http://localhost:${s.port}`,
              'sec-fetch-site': 'same-origin',
            })
          ).status,
        ).toBe(201);
        expect((await upload(s, 'listed.txt', { ...auth, origin: 'https://app.example.com' })).status).toBe(201);
        expect((await upload(s, 'curl.txt', auth)).status).toBe(201);
        expect((await upload(s, 'same-site.txt', { ...auth, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
        const del = await raw(s.port, 'DELETE', '/api/documents?path=curl.txt', auth);
        expect(del.status).toBe(200);
      });

      it('still answers reads from a foreign Origin (CORS keeps the page from seeing them)', async () => {
        const res = await raw(s.port, 'GET', '/api/documents', { ...auth, origin: EVIL });
        expect(res.status).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      });
    });
  }
});

describe('Host allow-list (DNS rebinding)', () => {
  let s: RunningServer;
  beforeAll(async () => {
    ({ s } = await serve());
  });

  it('answers localhost, 127.0.0.1 and [::1] with or without a port', async () => {
    for (const host of [
      `localhost:${s.port}`,
      `127.0.0.1:${s.port}`,
      `[::1]:${s.port}`,
      'localhost',
      'LOCALHOST:8080',
    ]) {
      const r = await raw(s.port, 'GET', '/api/health', { host });
      expect(r.status, host + r.text).toBe(200);
    }
  });

  it('refuses any other Host with 421 host_not_allowed on HTTP, the page included', async () => {
    for (const host of [
      `evil.example:${s.port}`,
      'evil.example',
      `127.0.0.2:${s.port}`,
      'localhost.evil.example',
      `[::2]:${s.port}`,
      'localhost@evil.example',
      'localhost:80.evil.example',
    ]) {
      const res = await raw(s.port, 'GET', '/api/sources?path=x', { host });
      expect(res.status, host).toBe(421);
      expect(res.json.error).toMatchObject({
        code: 'host_not_allowed',
        message: expect.stringContaining('ALLOWED_HOSTS'),
      });
    }
    expect((await raw(s.port, 'GET', '/', { host: 'evil.example' })).status).toBe(421);
    expect(
      (await upload(s, 'x.txt', { host: `evil.example:${s.port}`, origin: `http://evil.example:${s.port}` })).status,
    ).toBe(421);
  });

  it('refuses the WebSocket upgrade for another Host, with or without an Origin matching it', async () => {
    expect((await rawUpgrade(s.port, `evil.example:${s.port}`)).status).toBe(421);
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`, {
      headers: { host: `evil.example:${s.port}` },
      origin: `http://evil.example:${s.port}`,
    });
    const status = await new Promise<number>((resolve) =>
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(421);
    const ok = await rawUpgrade(s.port, `localhost:${s.port}`);
    expect(ok.status).toBe(101);
    ok.socket.destroy();
  });

  it('answers the names ALLOWED_HOSTS adds, a name:port entry only on that port', async () => {
    const { s: t } = await serve({ ALLOWED_HOSTS: 'docs.example.com, 10.0.0.5:8443' });
    expect((await raw(t.port, 'GET', '/api/health', { host: 'docs.example.com' })).status).toBe(200);
    expect((await raw(t.port, 'GET', '/api/health', { host: 'Docs.Example.com:3000' })).status).toBe(200);
    expect((await raw(t.port, 'GET', '/api/health', { host: '10.0.0.5:8443' })).status).toBe(200);
    expect((await raw(t.port, 'GET', '/api/health', { host: '10.0.0.5:9999' })).status).toBe(421);
    expect((await raw(t.port, 'GET', '/api/health', { host: 'evil.example' })).status).toBe(421);
    expect((await raw(t.port, 'GET', '/api/health', { host: `localhost:${t.port}` })).status).toBe(200);
    expect((await rawUpgrade(t.port, 'docs.example.com')).status).toBe(101);
  });
});

describe('malformed multipart uploads', () => {
  const B = 'XBOUNDARYX';
  const type = `multipart/form-data; boundary=${B}`;
  const part = (disposition: string, content = 'hello world') =>
    `--${B}\r\n${disposition}\r\nContent-Type: text/plain\r\n\r\n${content}`;
  const CASES: [string, string, string][] = [
    ['no closing boundary', type, part('Content-Disposition: form-data; name="file"; filename="cut.txt"')],
    ['an empty body', type, ''],
    [
      'a NUL byte in the file name',
      type,
      `${part('Content-Disposition: form-data; name="file"; filename="a\0b.txt"')}\r\n--${B}--\r\n`,
    ],
    [
      'a malformed part header',
      type,
      `--${B}\r\nContent-Disposition form-data name=file\r\nGarbage\r\n\r\nhello\r\n--${B}--\r\n`,
    ],
    ['no boundary in the Content-Type', 'multipart/form-data', `--${B}--\r\n`],
    ['only a closing boundary', type, `--${B}--\r\n`],
    [
      'two files',
      type,
      `${part('Content-Disposition: form-data; name="file"; filename="a.txt"')}\r\n${part('Content-Disposition: form-data; name="file"; filename="b.txt"')}\r\n--${B}--\r\n`,
    ],
    [
      'an unexpected field',
      type,
      `${part('Content-Disposition: form-data; name="other"; filename="a.txt"')}\r\n--${B}--\r\n`,
    ],
  ];
  let s: RunningServer;
  let docs: string;
  beforeAll(async () => {
    ({ s, docs } = await serve());
  });

  for (const [name, contentType, body] of CASES) {
    it(`answers ${name} with 400 invalid_request and a reason, writing nothing`, async () => {
      const before = (await readdir(docs, { recursive: true })).sort();
      const res = await raw(s.port, 'POST', '/api/documents', { 'content-type': contentType }, body);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'invalid_request', message: expect.any(String) });
      expect(res.json.error!.message.length).toBeGreaterThan(20);
      expect((await readdir(docs, { recursive: true })).sort()).toEqual(before);
    });
  }
});

describe('decompression bombs', () => {
  /** A real Word file whose directory says its text part unzips to 3.75 GB, as a zip bomb's does. */
  async function bomb(): Promise<Buffer> {
    const docx = Buffer.from(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Nothing to see here.')] }] })),
    );
    for (let at = docx.length - 22; at >= 0; at--) {
      if (
        docx.readUInt32LE(at) === 0x02014b50 &&
        docx.toString('utf8', at + 46, at + 46 + docx.readUInt16LE(at + 28)) === 'word/document.xml'
      )
        docx.writeUInt32LE(0xf0000000, at + 24);
    }
    return docx;
  }

  it('refuses a handful of Word bombs uploaded at once, each with 400 and the reason, writing nothing, and keeps answering', async () => {
    const { s, docs } = await serve();
    const before = (await readdir(docs)).sort();
    const bytes = await bomb();
    const uploads = Array.from({ length: 6 }, (_, i) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), `bomb-${i}.docx`);
      return fetch(`${s.url}/api/documents`, { method: 'POST', body: form }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error?: { code: string; message: string } },
      }));
    });
    const health = await raw(s.port, 'GET', '/api/health');
    expect(health.status).toBe(200);
    for (const { status, body } of await Promise.all(uploads)) {
      expect(status).toBe(400);
      expect(body.error).toMatchObject({
        code: 'invalid_request',
        message: expect.stringContaining('decompression bomb'),
      });
    }
    expect((await readdir(docs)).sort()).toEqual(before);
  });
});

describe('idle and stuck WebSockets', () => {
  let s: RunningServer;
  beforeAll(async () => {
    ({ s } = await serve({ WS_IDLE_TIMEOUT_S: '1' }));
  });

  it('closes a connection stuck halfway through a frame', async () => {
    const { socket, status } = await rawUpgrade(s.port);
    expect(status).toBe(101);
    // A header promising 100 bytes, then 10 of them: ws waits for the rest, which never come.
    socket.write(clientFrame(Buffer.alloc(100, 0x61)).subarray(0, 16));
    await socketClosed(socket);
  });

  it('closes an unfinished fragmented message (first fragment without FIN, no continuation)', async () => {
    const { socket } = await rawUpgrade(s.port);
    socket.write(clientFrame(Buffer.from('{"type":"ask",'), { fin: false }));
    await socketClosed(socket);
  });

  it('closes a connection that never sends anything and does not answer pings', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`, { autoPong: false });
    await new Promise((resolve) => ws.once('open', resolve));
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it('keeps a quiet client that answers pings, across several timeouts, and still answers it', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`);
    let closed = false;
    ws.on('close', () => (closed = true));
    await new Promise((resolve) => ws.once('open', resolve));
    // Six pings at a 1 s timeout (one every half second) span three timeouts.
    await new Promise<void>((resolve) => {
      let pings = 0;
      ws.on('ping', () => ++pings === 6 && resolve());
    });
    expect(closed).toBe(false);
    const done = new Promise<{ type: string }>((resolve) =>
      ws.on('message', (d) => {
        const frame = JSON.parse(String(d)) as { type: string };
        if (frame.type === 'done' || frame.type === 'error') resolve(frame);
      }),
    );
    ws.send(JSON.stringify({ type: 'ask', id: 'q1', question: QUESTION }));
    expect((await done).type).toBe('done');
    ws.close();
  });
});
