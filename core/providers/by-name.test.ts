import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { isInstalled, parseModelName } from './by-name.js';
import { answeringFromConfig } from './from-config.js';

describe('LLM_MODEL=provider:model', () => {
  it('reads a prefix only when LangChain knows it as a provider: an Ollama tag stays part of the name', () => {
    expect(parseModelName('openai:gpt-4o-mini')).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(parseModelName('ollama:llama3.1:8b')).toEqual({ provider: 'ollama', model: 'llama3.1:8b' });
    expect(parseModelName('anthropic:claude-3-5-haiku-latest')).toEqual({
      provider: 'anthropic',
      model: 'claude-3-5-haiku-latest',
    });
    for (const bare of ['llama3.1:8b', 'gpt-4o-mini', 'ollama:', ':x', 'constructor:x', undefined])
      expect(parseModelName(bare)).toBeUndefined();
  });

  it('keeps LLM_PROVIDER with a bare model name, and needs no LLM_API_KEY for a named provider (it reads its own variable)', async () => {
    expect(
      (await answeringFromConfig(loadConfig({ ANSWER_MODE: 'llm', LLM_PROVIDER: 'ollama', LLM_MODEL: 'llama3.1:8b' })))
        ?.notFoundHint,
    ).toContain('"llama3.1:8b"');
    expect(() => loadConfig({ ANSWER_MODE: 'llm', LLM_MODEL: 'openai:gpt-4o-mini' })).not.toThrow();
    expect(
      (await answeringFromConfig(loadConfig({ ANSWER_MODE: 'llm', LLM_MODEL: 'ollama:llama3.1' })))?.notFoundHint,
    ).toContain('now http://127.0.0.1:11434');
  });

  it.skipIf(isInstalled('@langchain/cerebras'))(
    'stops at start-up with one line naming the package of a provider that is not installed',
    () => {
      expect(() => loadConfig({ ANSWER_MODE: 'llm', LLM_MODEL: 'cerebras:llama3.1-8b' })).toThrow(
        new ConfigError(
          'Invalid configuration: LLM_MODEL=cerebras:llama3.1-8b needs the @langchain/cerebras package: npm install @langchain/cerebras',
        ),
      );
    },
  );
});
