import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { engineFromIndex } from '../core/assemble.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { createApp } from '../server/app.js';
import { EngineHolder, type LiveIndex } from '../server/engine-holder.js';
import { createServices } from '../server/services.js';
import type { RunningServer } from '../server/start.js';
import { CORPUS, ingestInto, parseSse, QUESTION, slowProvider, start, tempDir, testConfig } from './api-harness.js';

const NEW_DOC = 'The lighthouse keeper of Vardø in 1911 was Ingrid Solberg, who kept the lamp lit for forty winters.\n';

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('operations', () => {
  let base: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await tempDir('docqa-ops-');
    base = temp.dir;
    cleanup = temp.cleanup;
  });
  afterAll(() => cleanup?.());

  it('reloads the index without a restart when ingest writes a new one, and on POST /api/admin/reload', async () => {
    const docs = path.join(base, 'docs-reload');
    const index = path.join(base, 'index-reload');
    await cp(CORPUS, docs, { recursive: true });
    await ingestInto(index, docs);
    const s = await start(index, {}, { docsDir: docs });
    try {
      const first = s.holder.current?.generation;
      await writeFile(path.join(docs, 'lighthouse.txt'), NEW_DOC);
      await ingestInto(index, docs);
      const written = await new IndexStore(index).current();
      expect(written).not.toBe(first);
      await until(async () => (s.holder.current?.generation === written ? true : undefined));
      const res = await fetch(`${s.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'Who was the lighthouse keeper of Vardø in 1911?' }),
      });
      const body = (await res.json()) as { answer: string; citations: { source: string }[] };
      expect(body.answer).toBe('Ingrid Solberg');
      expect(body.citations[0]?.source).toBe('lighthouse.txt');

      const manual = await fetch(`${s.url}/api/admin/reload`, { method: 'POST' });
      expect(manual.status).toBe(200);
      expect(await manual.json()).toMatchObject({ ready: true, generation: written });
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      // Start-up and the new generation load; the manual reload finds that generation live and skips.
      expect(metrics).toMatch(/docqa_index_reloads_total\{outcome="ok"\} 2\n/);
      expect(metrics).toMatch(/docqa_index_reloads_total\{outcome="unchanged"\} [1-9]/);
    } finally {
      await s.close();
    }
  });

  it('is live but not ready while the index reloads, and keeps answering with the previous index', async () => {
    const index = path.join(base, 'index-ready');
    await ingestInto(index);
    const store = new IndexStore(index);
    const loadReal = async (): Promise<LiveIndex> => {
      const loaded = await store.load(localHashProvider());
      return { engine: engineFromIndex(loaded), manifest: loaded.manifest, generation: loaded.generation };
    };
    let release: () => void = () => {};
    let gate: Promise<void> = Promise.resolve();
    const holder = new EngineHolder();
    const services = createServices(testConfig(index), holder, async () => {
      await gate;
      return loadReal();
    });
    await services.reloader.reload();
    const server = createServer(createApp(holder, services));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/api/ready`)).status).toBe(200);
      gate = new Promise((resolve) => (release = resolve));
      const reloading = fetch(`${url}/api/admin/reload`, { method: 'POST' });
      await until(async () => (services.reloader.reloading ? true : undefined));
      const notReady = await fetch(`${url}/api/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ ready: false, reason: 'reloading the index' });
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const answer = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: QUESTION }),
      });
      expect(((await answer.json()) as { answer: string }).answer).toBe('Zabihullah Mujahid');
      release();
      expect((await reloading).status).toBe(200);
      expect((await fetch(`${url}/api/ready`)).status).toBe(200);
    } finally {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('on shutdown finishes answers in flight, refuses new ones, and closes WebSockets with 1001', async () => {
    const index = path.join(base, 'index-shutdown');
    await ingestInto(index);
    const s: RunningServer = await start(index, {}, { provider: slowProvider(400) });
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/ws`);
    await new Promise((resolve) => ws.once('open', resolve));
    expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('docqa_websocket_connections 1');
    const wsFrames: { type: string; id?: string }[] = [];
    ws.on('message', (data) => wsFrames.push(JSON.parse(String(data)) as { type: string }));
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'ask', id: 'w1', question: QUESTION }));

    const streamed = fetch(`${s.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: QUESTION, stream: true }),
    }).then(async (r) => parseSse(await r.text()));
    await until(async () => (s.services.drain.inFlight === 2 ? true : undefined));

    const closing = s.close();
    expect(s.services.drain.draining).toBe(true);
    ws.send(JSON.stringify({ type: 'ask', id: 'w2', question: QUESTION }));
    await closing;

    expect((await streamed).at(-1)?.event).toBe('done');
    expect(wsFrames.filter((f) => f.id === 'w1').at(-1)?.type).toBe('done');
    expect(wsFrames.find((f) => f.id === 'w2')).toMatchObject({ type: 'error', code: 'shutting_down' });
    expect(await wsClosed).toBe(1001);
    await expect(fetch(`${s.url}/api/health`)).rejects.toThrow();
  });
});
