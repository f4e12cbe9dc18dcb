import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedderFromConfig } from '../core/providers/from-config.js';
import type { ServerFrame } from '../core/protocol.js';
import { ingest } from '../ingest/ingest.js';
import type { RunningServer } from '../server/start.js';
import { CORPUS, ingestInto, QUESTION, tempDir, testConfig } from './api-harness.js';
import { startFakeOllama } from './fakes/ollama-server.js';
import { startFakeOpenAi } from './fakes/openai-server.js';
import type { FakeModelServer } from './fakes/script.js';
import { groundedScript, post, serve, SPOKESPERSON } from './fakes/llm-harness.js';
import { askOnSocket, gate, HANG_MS, openSocket, within } from './fakes/ws-client.js';

describe('ANSWER_MODE=llm with Ollama (/api/chat, newline-delimited JSON)', () => {
  let fake: FakeModelServer;
  let server: RunningServer;
  /** For tests where the model waits on the test (cancel, gated tokens): a timeout never reached, which a busy machine cannot race. */
  let patient: RunningServer;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempDir('docqa-ollama-');
    cleanup = temp.cleanup;
    await ingestInto(temp.dir);
    fake = await startFakeOllama(groundedScript);
    const env = {
      ANSWER_MODE: 'llm',
      LLM_PROVIDER: 'ollama',
      LLM_BASE_URL: fake.url,
      LLM_MODEL: 'llama-fake',
      LLM_TIMEOUT_MS: '800',
      LLM_FALLBACK: '0',
    };
    server = await serve(temp.dir, env);
    patient = await serve(temp.dir, { ...env, LLM_TIMEOUT_MS: '600000' });
  });
  afterAll(async () => {
    await server?.close();
    await patient?.close();
    await fake?.close();
    await cleanup?.();
  });

  it('streams the model answer token by token over the WebSocket, with citations from its markers', async () => {
    const firstSeen = gate();
    fake.script = (request) => ({
      ...(groundedScript(request) as { tokens: string[] }),
      before: (i) => (i === 0 ? Promise.resolve() : firstSeen.promise),
    });
    const ws = await openSocket(patient.url); // the model waits for the test: no timeout may race it
    try {
      const frames = await askOnSocket(
        ws,
        { id: 'o1', question: QUESTION },
        (f) => f.type === 'delta' && firstSeen.open(),
      );
      const done = frames.at(-1) as Extract<ServerFrame, { type: 'done' }>;
      expect(done).toMatchObject({
        type: 'done',
        answer: 'Zabihullah Mujahid is the Taliban spokesperson [1].',
        abstained: false,
      });
      expect(done.citations[0]?.source).toBe(SPOKESPERSON);
      expect(frames.filter((f) => f.type === 'delta').length).toBeGreaterThanOrEqual(7);
      expect(fake.chats.at(-1)).toMatchObject({ model: 'llama-fake', stream: true });
      expect(fake.chats.at(-1)!.messages[0]!.role).toBe('system');
    } finally {
      ws.close();
    }
  });

  it('cancel closes the Ollama request even while the model is silent', async () => {
    fake.script = () => ({ tokens: ['Zabihullah'], stall: true });
    const ws = await openSocket(patient.url);
    try {
      const frames = await askOnSocket(
        ws,
        { id: 'o2', question: QUESTION },
        (f) => f.type === 'delta' && ws.send(JSON.stringify({ type: 'cancel', id: 'o2' })),
      );
      expect(frames.at(-1)).toMatchObject({ type: 'error', code: 'cancelled' });
      await within(fake.chats.at(-1)!.abandoned, HANG_MS, 'Ollama request closed after cancel');
    } finally {
      ws.close();
    }
  });

  it('a silent model times out with upstream_timeout; an Ollama error is upstream_error', async () => {
    fake.script = () => ({ stall: true });
    const slow = await post(server, { question: QUESTION });
    expect(slow.status).toBe(504); // the stalled model never answers: a 504 at all shows the timeout fired
    await within(fake.chats.at(-1)!.abandoned, HANG_MS, 'timed-out request closed');
    fake.script = () => ({ status: 404, message: 'model "llama-fake" not found, try pulling it first' });
    const missing = await post(server, { question: QUESTION });
    expect(missing.status).toBe(502);
    expect(missing.json.error?.message).toMatch(/not found, try pulling it first/);
  });
});

describe('ANSWER_MODE=llm with a base URL of the wrong shape', () => {
  it('a 404 from the model server says to check LLM_BASE_URL (its usual shape for the provider) and LLM_MODEL', async () => {
    const temp = await tempDir('docqa-404-');
    const ollama = await startFakeOllama(groundedScript);
    const openai = await startFakeOpenAi(groundedScript);
    await ingestInto(temp.dir);
    const env = { ANSWER_MODE: 'llm', LLM_TIMEOUT_MS: '2000', LLM_FALLBACK: '0' };
    const ollamaAtV1 = await serve(temp.dir, {
      ...env,
      LLM_PROVIDER: 'ollama',
      LLM_BASE_URL: `${ollama.url}/v1`,
      LLM_MODEL: 'llama-fake',
    });
    const bareOpenAi = openai.url.replace(/\/v1$/, '');
    const openAiWithoutV1 = await serve(temp.dir, {
      ...env,
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: bareOpenAi,
      LLM_MODEL: 'fake-gpt',
    });
    try {
      const a = await post(ollamaAtV1, { question: QUESTION });
      expect(a.status).toBe(502);
      expect(a.json.error?.code).toBe('upstream_error');
      expect(a.json.error?.message).toContain('HTTP 404');
      expect(a.json.error?.message).toContain(
        `Check LLM_BASE_URL (now ${ollama.url}/v1; Ollama's is the bare host:port, e.g. ${ollama.url})`,
      );
      expect(a.json.error?.message).toContain(
        'LLM_MODEL ("llama-fake": a 404 can also mean the server has no model by that name)',
      );
      const b = await post(openAiWithoutV1, { question: QUESTION });
      expect(b.status).toBe(502);
      expect(b.json.error?.message).toContain('HTTP 404');
      expect(b.json.error?.message).toContain(
        `Check LLM_BASE_URL (now ${bareOpenAi}; an OpenAI-compatible server's usually ends in /v1, e.g. ${bareOpenAi}/v1)`,
      );
      expect(b.json.error?.message).toContain('LLM_MODEL ("fake-gpt"');
    } finally {
      await ollamaAtV1.close();
      await openAiWithoutV1.close();
      await ollama.close();
      await openai.close();
      await temp.cleanup();
    }
  });
});

describe('EMBEDDINGS_PROVIDER: remote embedding models', () => {
  let openai: FakeModelServer;
  let ollama: FakeModelServer;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    openai = await startFakeOpenAi(groundedScript);
    ollama = await startFakeOllama(groundedScript);
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await openai?.close();
    await ollama?.close();
  });

  async function indexAndServe(env: Record<string, string>): Promise<RunningServer> {
    const temp = await tempDir('docqa-embed-');
    cleanups.push(temp.cleanup);
    const config = testConfig(temp.dir, env);
    const summary = await ingest({ docsDir: CORPUS, indexDir: temp.dir, provider: await embedderFromConfig(config) });
    expect(summary.written).toBe(true);
    const server = await serve(temp.dir, env);
    cleanups.push(() => server.close());
    return server;
  }

  it('an index built through the OpenAI embeddings endpoint answers, embedding each question there', async () => {
    const server = await indexAndServe({
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_BASE_URL: openai.url,
      EMBEDDINGS_MODEL: 'fake-embed',
    });
    const chunks = openai.embedded.flat().length;
    expect(chunks).toBeGreaterThan(5);
    const { status, json } = await post(server, { question: QUESTION });
    expect(status).toBe(200);
    expect(json.answer).toBe('Zabihullah Mujahid');
    expect(openai.embedded.at(-1)).toEqual([QUESTION]);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { index: { dimensions: number } };
    expect(health.index.dimensions).toBe(64);
  });

  it('an ingest whose embedding server answers 404 says to check EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL', async () => {
    const temp = await tempDir('docqa-embed-404-');
    cleanups.push(temp.cleanup);
    // Ollama's own API asked under /v1, as an OpenAI-compatible URL would be written.
    const config = testConfig(temp.dir, {
      EMBEDDINGS_PROVIDER: 'ollama',
      EMBEDDINGS_BASE_URL: `${ollama.url}/v1`,
      EMBEDDINGS_MODEL: 'nomic-fake',
    });
    const failed = await ingest({
      docsDir: CORPUS,
      indexDir: temp.dir,
      provider: await embedderFromConfig(config),
    }).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failed).toContain('404');
    expect(failed).toContain(
      `Check EMBEDDINGS_BASE_URL (now ${ollama.url}/v1; Ollama's is the bare host:port, e.g. ${ollama.url})`,
    );
    expect(failed).toContain('EMBEDDINGS_MODEL ("nomic-fake"');
  });

  it('an index built through Ollama /api/embed answers too', async () => {
    const server = await indexAndServe({
      EMBEDDINGS_PROVIDER: 'ollama',
      EMBEDDINGS_BASE_URL: ollama.url,
      EMBEDDINGS_MODEL: 'nomic-fake',
    });
    const { json } = await post(server, { question: QUESTION });
    expect(json.citations[0]?.source).toBe(SPOKESPERSON);
    expect(ollama.embedded.at(-1)).toEqual([QUESTION]);
  });

  it('an index built with the local embedder is refused by a server configured for OpenAI embeddings, with the re-ingest message', async () => {
    const temp = await tempDir('docqa-mismatch-');
    cleanups.push(temp.cleanup);
    await ingestInto(temp.dir);
    const server = await serve(temp.dir, {
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_BASE_URL: openai.url,
      EMBEDDINGS_MODEL: 'fake-embed',
    });
    cleanups.push(() => server.close());
    const { status, json } = await post(server, { question: QUESTION });
    // The server starts and says why it cannot answer, with the load failure's own code.
    expect(status).toBe(503);
    expect(json.error?.code).toBe('index_incompatible');
    expect(json.error?.message).toContain(
      'built with embedder local:hashed-ngrams-v2 but openai:fake-embed is configured',
    );
    expect(json.error?.message).toContain('npm run ingest -- --force');
  });

  it('a question whose embedding service is down fails with upstream_unavailable, not a hang', async () => {
    const fake = await startFakeOpenAi(groundedScript);
    const env = { EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: fake.url, EMBEDDINGS_MODEL: 'fake-embed' };
    const server = await indexAndServe(env);
    await fake.close();
    const { status, json } = await post(server, { question: QUESTION });
    expect(status).toBe(502);
    expect(json.error?.code).toBe('upstream_unavailable');
    expect(json.error?.message).toMatch(/embedding model could not be reached/);
    // Streamed, the failure comes before any event: an HTTP error too, not a 200 carrying an error event.
    const streamed = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: QUESTION, stream: true }),
    });
    expect(streamed.status).toBe(502);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('upstream_unavailable');
  });
});
