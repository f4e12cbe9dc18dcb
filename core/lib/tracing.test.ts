/**
 * LangChain callbacks reach the library entry's retrieval and model calls: a handler given to
 * openIndex, to ask, or to an LCEL chain's invoke sees retriever start, end (or error) and the chat
 * model's run; and LANGSMITH_TRACING=true sends those runs to the LangSmith endpoint (a fake one here,
 * on a real port) without code changes.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryIndex, Recorder } from '../../test/library-index.js';
import { DocqaRetriever } from '../retrieve/langchain.js';
import { collect, openIndex } from './index.js';

let fixture: Awaited<ReturnType<typeof libraryIndex>>;
beforeAll(async () => {
  fixture = await libraryIndex();
});
afterAll(() => fixture.cleanup());

describe('callback handlers', () => {
  it("given to openIndex, see every retriever run and every ask's retrieval and model call", async () => {
    const recorder = new Recorder();
    const model = new FakeListChatModel({ responses: ['Maria Okonkwo chaired it [1].'] });
    const index = await openIndex(fixture.indexDir, { env: {}, k: 2, model, callbacks: [recorder] });
    await index.retriever.invoke('Who chaired the committee?');
    expect(recorder).toMatchObject({
      retrieverStarts: ['Who chaired the committee?'],
      retrieverEnds: [2],
      chatPrompts: [],
    });
    await collect(index.ask('What did the budget rise to?'));
    expect(recorder.retrieverStarts).toEqual(['Who chaired the committee?', 'What did the budget rise to?']);
    expect(recorder.retrieverEnds).toEqual([2, 2]);
    expect(recorder.chatPrompts).toHaveLength(1);
    expect(recorder.chatEnds).toBe(1);
    // The question is one run, its retrieval and model call nested in it (how LangSmith shows one trace).
    const ask = recorder.runs.find((r) => r.name === 'docqa.ask')!;
    expect(ask).toMatchObject({ kind: 'chain', parent: undefined });
    expect(recorder.runs.filter((r) => r.parent === ask.id).map((r) => `${r.kind} ${r.name}`)).toEqual([
      'retriever DocqaRetriever',
      'chat model FakeListChatModel',
    ]);
  });

  it("given to ask, see that question's runs only", async () => {
    const index = await openIndex(fixture.indexDir, { env: {}, k: 2 });
    const first = new Recorder();
    const second = new Recorder();
    await collect(index.ask('Who chaired the committee?', { callbacks: [first] }));
    await collect(index.ask('What did the budget rise to?', { callbacks: [second] }));
    expect(first.retrieverStarts).toEqual(['Who chaired the committee?']);
    expect(second.retrieverStarts).toEqual(['What did the budget rise to?']);
    expect(second.retrieverEnds).toEqual([2]);
  });

  it('see a failed retrieval as a retriever error', async () => {
    const recorder = new Recorder();
    const failing = new DocqaRetriever({ retrieve: () => Promise.reject(new Error('index gone')) });
    await expect(failing.invoke('anything', { callbacks: [recorder] })).rejects.toThrow('index gone');
    expect(recorder).toMatchObject({
      retrieverStarts: ['anything'],
      retrieverEnds: [],
      retrieverErrors: ['index gone'],
    });
  });
});

describe('LANGSMITH_TRACING=true', () => {
  let server: Server;
  const bodies: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    // A LangSmith endpoint that accepts every run upload and keeps its body (gunzipped when sent compressed).
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (p: Buffer) => parts.push(p));
      req.on('end', () => {
        const body = Buffer.concat(parts);
        bodies.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
        // `{}` for GET /info too: a server announcing no special features.
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    Object.assign(process.env, {
      LANGSMITH_TRACING: 'true',
      LANGSMITH_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      LANGSMITH_API_KEY: 'fake-key',
      LANGSMITH_PROJECT: 'docqa-test',
    });
  });
  afterAll(() => {
    for (const name of ['LANGSMITH_TRACING', 'LANGSMITH_ENDPOINT', 'LANGSMITH_API_KEY', 'LANGSMITH_PROJECT']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    server.closeAllConnections();
    server.close();
  });

  it("sends the retriever's and the model's runs to LangSmith, with no callbacks given", async () => {
    const model = new FakeListChatModel({ responses: ['Maria Okonkwo chaired it [1].'] });
    const index = await openIndex(fixture.indexDir, { env: {}, k: 2, model });
    await collect(index.ask('Who chaired the committee?'));
    await awaitAllCallbacks();
    await expect.poll(() => bodies.join('\n'), { timeout: 10_000 }).toContain('DocqaRetriever');
    await expect.poll(() => bodies.join('\n'), { timeout: 10_000 }).toContain('FakeListChatModel');
    await expect.poll(() => bodies.join('\n'), { timeout: 10_000 }).toContain('docqa.ask');
  });
});
