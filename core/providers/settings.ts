import { z } from 'zod/v4';
import { flag } from '../flag.js';
import { missingPackage, parseModelName } from './by-name.js';
import { normaliseUrl } from './http.js';

const url = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL like http://127.0.0.1:11434` }).optional();

/**
 * The environment variables that choose the answerer and the embedding model. Spread into the one
 * config schema (core/config.ts); `checkModelSettings` adds the rules that span several variables.
 */
export const MODEL_ENV = {
  ANSWER_MODE: z.enum(['extractive', 'llm'], { error: 'ANSWER_MODE must be extractive or llm' }).default('extractive'),
  LLM_PROVIDER: z.enum(['openai', 'ollama'], { error: 'LLM_PROVIDER must be openai or ollama' }).default('openai'),
  LLM_BASE_URL: url('LLM_BASE_URL'),
  /**
   * Trimmed: a name of only spaces is no name, and is refused like a missing one. `provider:model`
   * (e.g. openai:gpt-4o-mini, ollama:llama3.1) picks any provider LangChain's initChatModel knows,
   * over LLM_PROVIDER (core/providers/by-name.ts).
   */
  LLM_MODEL: z.string().trim().optional(),
  LLM_API_KEY: z.string().optional(),
  /** Longest wait for the model's first token, and between tokens, before giving up. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** On a model failure before any token streamed, answer extractively (marked `fallback`). */
  LLM_FALLBACK: flag('LLM_FALLBACK', true),
  EMBEDDINGS_PROVIDER: z
    .enum(['local', 'openai', 'ollama'], { error: 'EMBEDDINGS_PROVIDER must be local, openai or ollama' })
    .default('local'),
  EMBEDDINGS_BASE_URL: url('EMBEDDINGS_BASE_URL'),
  EMBEDDINGS_MODEL: z.string().trim().optional(),
  /** Defaults to LLM_API_KEY. */
  EMBEDDINGS_API_KEY: z.string().optional(),
};

type ModelEnv = z.infer<ReturnType<typeof z.object<typeof MODEL_ENV>>>;

export const DEFAULT_BASE_URL = { openai: 'https://api.openai.com/v1', ollama: 'http://127.0.0.1:11434' } as const;

/** The cross-variable rules; returns the message for the first one broken. */
export function checkModelSettings(c: ModelEnv): string | undefined {
  if (c.ANSWER_MODE === 'llm' && !c.LLM_MODEL)
    return 'ANSWER_MODE=llm needs LLM_MODEL (e.g. llama3.2 for Ollama, gpt-4o-mini for OpenAI)';
  const byName = c.ANSWER_MODE === 'llm' ? parseModelName(c.LLM_MODEL) : undefined;
  // A provider named in LLM_MODEL reads its own key variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, …) when LLM_API_KEY is unset.
  const missing = byName && missingPackage(byName);
  if (missing) return missing;
  if (!byName && c.ANSWER_MODE === 'llm' && c.LLM_PROVIDER === 'openai' && !c.LLM_BASE_URL && !c.LLM_API_KEY) {
    return 'LLM_PROVIDER=openai without LLM_BASE_URL talks to api.openai.com and needs LLM_API_KEY';
  }
  return checkEmbeddingSettings(c);
}

function checkEmbeddingSettings(c: ModelEnv): string | undefined {
  if (c.EMBEDDINGS_PROVIDER !== 'local' && !c.EMBEDDINGS_MODEL)
    return `EMBEDDINGS_PROVIDER=${c.EMBEDDINGS_PROVIDER} needs EMBEDDINGS_MODEL`;
  if (c.EMBEDDINGS_PROVIDER === 'openai' && !c.EMBEDDINGS_BASE_URL && !(c.EMBEDDINGS_API_KEY ?? c.LLM_API_KEY)) {
    return 'EMBEDDINGS_PROVIDER=openai without EMBEDDINGS_BASE_URL talks to api.openai.com and needs EMBEDDINGS_API_KEY';
  }
  return undefined;
}

/**
 * What to check when the model server answers 404. The server itself says only "404 page not found"
 * (or "404 status code (no body)"); the usual cause is a base URL of the other provider's shape (Ollama's
 * own API under /v1, an OpenAI-compatible server without it), and an unknown model is the other.
 */
export function notFoundHint(
  provider: 'openai' | 'ollama',
  baseUrl: string,
  model: string,
  settings: 'LLM' | 'EMBEDDINGS' = 'LLM',
): string {
  const url = normaliseUrl(baseUrl);
  const origin = URL.canParse(url) ? new URL(url).origin : url;
  const shape =
    provider === 'openai'
      ? `an OpenAI-compatible server's usually ends in /v1${url.endsWith('/v1') ? '' : `, e.g. ${url}/v1`}`
      : `Ollama's is the bare host:port${url === origin ? '' : `, e.g. ${origin}`}`;
  return `Check ${settings}_BASE_URL (now ${url}; ${shape}) and ${settings}_MODEL ("${model}": a 404 can also mean the server has no model by that name).`;
}
