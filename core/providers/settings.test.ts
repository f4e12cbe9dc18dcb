import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { answeringFromConfig, embedderFromConfig } from './from-config.js';
import { notFoundHint } from './settings.js';

const load = (env: Record<string, string>) => () => loadConfig({ PORT: '0', ...env });

describe('model configuration', () => {
  it('defaults to the offline extractive answerer and local embeddings', async () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      ANSWER_MODE: 'extractive',
      EMBEDDINGS_PROVIDER: 'local',
      LLM_TIMEOUT_MS: 30_000,
      LLM_FALLBACK: true,
    });
    expect(await answeringFromConfig(config)).toBeUndefined();
    expect((await embedderFromConfig(config)).spec.provider).toBe('local');
  });

  it('stops at start-up with a message naming the bad or missing variable', () => {
    expect(load({ ANSWER_MODE: 'llm' })).toThrow(
      new ConfigError(
        'Invalid configuration: ANSWER_MODE=llm needs LLM_MODEL (e.g. llama3.2 for Ollama, gpt-4o-mini for OpenAI)',
      ),
    );
    expect(load({ ANSWER_MODE: 'llm', LLM_MODEL: '  ' })).toThrow(
      new ConfigError(
        'Invalid configuration: ANSWER_MODE=llm needs LLM_MODEL (e.g. llama3.2 for Ollama, gpt-4o-mini for OpenAI)',
      ),
    );
    expect(load({ EMBEDDINGS_PROVIDER: 'ollama', EMBEDDINGS_MODEL: ' \t' })).toThrow(
      new ConfigError('Invalid configuration: EMBEDDINGS_PROVIDER=ollama needs EMBEDDINGS_MODEL'),
    );
    expect(loadConfig({ ANSWER_MODE: 'llm', LLM_PROVIDER: 'ollama', LLM_MODEL: ' llama3.2 ' }).LLM_MODEL).toBe(
      'llama3.2',
    );
    expect(load({ ANSWER_MODE: 'generative' })).toThrow(/ANSWER_MODE: ANSWER_MODE must be extractive or llm/);
    expect(load({ LLM_PROVIDER: 'anthropic' })).toThrow(/LLM_PROVIDER must be openai or ollama/);
    expect(load({ LLM_TIMEOUT_MS: 'soon' })).toThrow(/LLM_TIMEOUT_MS/);
    expect(load({ LLM_FALLBACK: 'maybe' })).toThrow(/LLM_FALLBACK must be 1 or 0/);
    expect(load({ LLM_BASE_URL: 'localhost:11434' })).toThrow(/LLM_BASE_URL must be an http\(s\) URL/);
    expect(load({ ANSWER_MODE: 'llm', LLM_MODEL: 'gpt-4o-mini' })).toThrow(/needs LLM_API_KEY/);
    expect(load({ EMBEDDINGS_PROVIDER: 'ollama' })).toThrow(/EMBEDDINGS_PROVIDER=ollama needs EMBEDDINGS_MODEL/);
  });

  it('falls back to extractive answers unless LLM_FALLBACK turns it off (0, false or off)', () => {
    for (const on of ['1', 'true', 'on', '']) expect(loadConfig({ LLM_FALLBACK: on }).LLM_FALLBACK).toBe(true);
    for (const off of ['0', 'false', 'off']) expect(loadConfig({ LLM_FALLBACK: off }).LLM_FALLBACK).toBe(false);
    expect(load({ LLM_FALLBACK: 'yes' })).toThrow(
      new ConfigError('Invalid configuration: LLM_FALLBACK: LLM_FALLBACK must be 1 or 0'),
    );
  });

  it('turns the variables into providers whose spec names the model and server', async () => {
    const config = loadConfig({
      ANSWER_MODE: 'llm',
      LLM_PROVIDER: 'ollama',
      LLM_MODEL: 'llama3.2',
      LLM_FALLBACK: '0',
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_MODEL: 'nomic',
      EMBEDDINGS_BASE_URL: 'http://127.0.0.1:8080/v1/',
    });
    expect(await answeringFromConfig(config)).toMatchObject({ timeoutMs: 30_000, fallback: false });
    expect((await embedderFromConfig(config)).spec).toEqual({
      provider: 'openai',
      model: 'nomic',
      settings: { baseUrl: 'http://127.0.0.1:8080/v1' },
    });
  });

  it('says what the base URL usually looks like for the provider, and names the model, for a 404', async () => {
    expect(notFoundHint('ollama', 'http://127.0.0.1:11434/v1/', 'llama3.2')).toBe(
      'Check LLM_BASE_URL (now http://127.0.0.1:11434/v1; Ollama\'s is the bare host:port, e.g. http://127.0.0.1:11434) and LLM_MODEL ("llama3.2": a 404 can also mean the server has no model by that name).',
    );
    expect(notFoundHint('ollama', 'http://127.0.0.1:11434', 'llama3.2')).toContain(
      "(now http://127.0.0.1:11434; Ollama's is the bare host:port)",
    );
    expect(notFoundHint('openai', 'http://127.0.0.1:8080', 'qwen')).toContain(
      "(now http://127.0.0.1:8080; an OpenAI-compatible server's usually ends in /v1, e.g. http://127.0.0.1:8080/v1)",
    );
    expect(notFoundHint('openai', 'http://127.0.0.1:8080/v1', 'qwen')).toContain(
      "(now http://127.0.0.1:8080/v1; an OpenAI-compatible server's usually ends in /v1)",
    );
    const config = loadConfig({ ANSWER_MODE: 'llm', LLM_PROVIDER: 'ollama', LLM_MODEL: 'llama3.2' });
    expect((await answeringFromConfig(config))?.notFoundHint).toBe(
      notFoundHint('ollama', 'http://127.0.0.1:11434', 'llama3.2'),
    );
  });
});
