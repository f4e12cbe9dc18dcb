/**
 * LLM_MODEL=provider:model picks the provider's LangChain integration (through langchain's universal
 * chat model), over LLM_PROVIDER: a real server answers with a fake Ollama or OpenAI server on a
 * real port, and the fake sees the request on its own API with the model name after the prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatModelFromName } from '../core/providers/by-name.js';
import type { RunningServer } from '../server/start.js';
import { ingestInto, QUESTION, tempDir } from './api-harness.js';
import { groundedScript, post, serve, SPOKESPERSON } from './fakes/llm-harness.js';
import { startFakeOllama } from './fakes/ollama-server.js';
import { startFakeOpenAi } from './fakes/openai-server.js';
import type { FakeModelServer } from './fakes/script.js';
import { HANG_MS, within } from './fakes/ws-client.js';

let indexDir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const temp = await tempDir('docqa-by-name-');
  ({ dir: indexDir, cleanup } = temp);
  await ingestInto(indexDir);
});
afterAll(() => cleanup?.());

describe.each([
  ['ollama', startFakeOllama, 'llama3.1:8b'],
  ['openai', startFakeOpenAi, 'gpt-fake'],
] as const)('LLM_MODEL=%s:…', (provider, startFake, model) => {
  let fake: FakeModelServer;
  let server: RunningServer;
  /** For the answer: a model timeout a busy machine cannot reach before the fake's first token. */
  let patient: RunningServer;
  beforeAll(async () => {
    fake = await startFake(groundedScript);
    // LLM_PROVIDER is left at its default (openai): the prefix alone chooses the integration.
    const env = {
      ANSWER_MODE: 'llm',
      LLM_MODEL: `${provider}:${model}`,
      LLM_BASE_URL: fake.url,
      LLM_API_KEY: 'k',
      LLM_TIMEOUT_MS: '800',
      LLM_FALLBACK: '0',
    };
    server = await serve(indexDir, env);
    patient = await serve(indexDir, { ...env, LLM_TIMEOUT_MS: '600000' });
  });
  afterAll(async () => {
    await server?.close();
    await patient?.close();
    await fake?.close();
  });

  it(`answers through the ${provider} integration, sending the model name after the prefix`, async () => {
    fake.script = groundedScript;
    const { status, json } = await post(patient, { question: QUESTION });
    expect(json.error, JSON.stringify(json)).toBeUndefined();
    expect(status).toBe(200);
    expect(json).toMatchObject({ answer: 'Zabihullah Mujahid is the Taliban spokesperson [1].', abstained: false });
    expect(json.citations[0]?.source).toBe(SPOKESPERSON);
    expect(fake.chats.at(-1)).toMatchObject({ model, stream: true });
  });

  it('closes the model request when the question times out (the abort signal reaches the HTTP request)', async () => {
    fake.script = () => ({ stall: true });
    const slow = await post(server, { question: QUESTION });
    expect(slow.status).toBe(504);
    await within(fake.chats.at(-1)!.abandoned, HANG_MS, 'timed-out request closed');
  });
});

describe('chatModelFromName (the library entry)', () => {
  it('builds a LangChain chat model for ollama:… talking to the given server', async () => {
    const fake = await startFakeOllama(() => ({ tokens: ['Hello', ' there'] }));
    try {
      const reply = await chatModelFromName('ollama:llama3.1', { baseUrl: fake.url }).invoke('Hi');
      expect(reply.content).toBe('Hello there');
      expect(fake.chats.at(-1)).toMatchObject({ model: 'llama3.1' });
    } finally {
      await fake.close();
    }
  });
});
