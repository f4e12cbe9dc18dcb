import type { ModelAnswering } from '../assemble.js';
import type { Config } from '../config.js';
import type { EmbedderProvider } from '../embed/embedder.js';
import { chatByName, parseModelName, type ModelName } from './by-name.js';
import { localHashProvider } from './local-hash.js';
import { DEFAULT_BASE_URL, notFoundHint } from './settings.js';

/**
 * The one place that turns configuration into concrete providers; the server, the ingest CLI and
 * the evals call it, and everything past it sees only interfaces. The LangChain provider packages are
 * imported only when configured: an offline server does not hold them (about 8 MiB).
 */
export async function embedderFromConfig(config: Config): Promise<EmbedderProvider> {
  const provider = config.EMBEDDINGS_PROVIDER;
  if (provider === 'local') return localHashProvider();
  const settings = {
    baseUrl: config.EMBEDDINGS_BASE_URL ?? DEFAULT_BASE_URL[provider],
    model: config.EMBEDDINGS_MODEL!,
    apiKey: config.EMBEDDINGS_API_KEY ?? config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
  };
  return provider === 'openai'
    ? (await import('./openai.js')).openAiEmbedder(settings)
    : (await import('./ollama.js')).ollamaEmbedder(settings);
}

/** The language model answering questions, or undefined in extractive mode. */
export async function answeringFromConfig(config: Config): Promise<ModelAnswering | undefined> {
  if (config.ANSWER_MODE !== 'llm') return undefined;
  const byName = parseModelName(config.LLM_MODEL);
  if (byName) return answeringByName(config, byName);
  const provider = config.LLM_PROVIDER;
  const settings = {
    baseUrl: config.LLM_BASE_URL ?? DEFAULT_BASE_URL[provider],
    model: config.LLM_MODEL!,
    apiKey: config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
  };
  return {
    model:
      provider === 'openai'
        ? (await import('./openai.js')).openAiChat(settings)
        : (await import('./ollama.js')).ollamaChat(settings),
    timeoutMs: config.LLM_TIMEOUT_MS,
    fallback: config.LLM_FALLBACK,
    notFoundHint: notFoundHint(provider, settings.baseUrl, settings.model),
  };
}

/** LLM_MODEL=provider:model: LangChain's universal chat model for that provider (core/providers/by-name.ts). */
function answeringByName(config: Config, name: ModelName): ModelAnswering {
  const known = name.provider === 'openai' || name.provider === 'ollama' ? name.provider : undefined;
  const baseUrl = config.LLM_BASE_URL ?? (known && DEFAULT_BASE_URL[known]);
  return {
    model: chatByName(name, { baseUrl, apiKey: config.LLM_API_KEY }),
    timeoutMs: config.LLM_TIMEOUT_MS,
    fallback: config.LLM_FALLBACK,
    ...(known && baseUrl && { notFoundHint: notFoundHint(known, baseUrl, name.model) }),
  };
}
