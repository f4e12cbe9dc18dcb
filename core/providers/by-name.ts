import { createRequire } from 'node:module';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ConfigurableModel, MODEL_PROVIDER_CONFIG } from 'langchain/chat_models/universal';
import type { ChatModelFactory } from '../answer/upstream.js';
import { fetchWithSignal, normaliseUrl } from './http.js';

/**
 * `LLM_MODEL=provider:model` (e.g. `openai:gpt-4o-mini`, `ollama:llama3.1:8b`, `anthropic:claude-…`):
 * any provider LangChain's `initChatModel` knows. The prefix counts only when it is one of those
 * providers, so an Ollama tag such as `llama3.1:8b` given with LLM_PROVIDER stays a bare model name.
 */
export interface ModelName {
  provider: string;
  model: string;
}

const PROVIDERS: Record<string, { package: string; className: string }> = MODEL_PROVIDER_CONFIG;

export function parseModelName(name: string | undefined): ModelName | undefined {
  const colon = name?.indexOf(':') ?? -1;
  if (!name || colon <= 0) return undefined;
  const provider = name.slice(0, colon);
  const model = name.slice(colon + 1).trim();
  return Object.hasOwn(PROVIDERS, provider) && model ? { provider, model } : undefined;
}

/** The integration package a provider's chat model lives in (e.g. `@langchain/anthropic`). */
export function packageFor(provider: string): string {
  return PROVIDERS[provider]!.package;
}

const require = createRequire(import.meta.url);

/** Whether a package can be imported from here; checked at start-up so a missing one stops the server with its name, not the first question. */
export function isInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch (err) {
    // An ESM-only package has no `require` export, but it is there.
    return (err as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  }
}

/** The one-line message for a provider whose integration package is not installed, or undefined when it is. */
export function missingPackage(name: ModelName): string | undefined {
  const pkg = packageFor(name.provider);
  return isInstalled(pkg)
    ? undefined
    : `LLM_MODEL=${name.provider}:${name.model} needs the ${pkg} package: npm install ${pkg}`;
}

export interface ByNameSettings {
  /** LLM_BASE_URL, when set (or the provider's default for openai and ollama). */
  baseUrl?: string;
  apiKey?: string;
}

/**
 * Constructor fields for one question's model. For OpenAI and Ollama the same fields as
 * core/providers/openai.ts and ollama.ts (base URL, key, no silent retries, the question's abort
 * signal wired into the HTTP request); other providers get the key, if LLM_API_KEY is set (else they
 * read their own variable, e.g. ANTHROPIC_API_KEY), and no retries.
 */
function fieldsFor(name: ModelName, s: ByNameSettings, signal: AbortSignal): Record<string, unknown> {
  const fetch = fetchWithSignal(signal);
  switch (name.provider) {
    case 'openai':
      return {
        apiKey: s.apiKey,
        maxRetries: 0,
        streamUsage: false,
        configuration: { ...(s.baseUrl && { baseURL: s.baseUrl }), fetch },
      };
    case 'ollama':
      return {
        ...(s.baseUrl && { baseUrl: normaliseUrl(s.baseUrl) }),
        fetch,
        ...(s.apiKey && { headers: { Authorization: `Bearer ${s.apiKey}` } }),
      };
    default:
      return { maxRetries: 0, ...(s.apiKey && { apiKey: s.apiKey }) };
  }
}

/**
 * A model per question, built by LangChain's universal chat model (what `initChatModel` returns):
 * it imports the provider's integration package on the first call and hands every call to it.
 */
export function chatByName(name: ModelName, s: ByNameSettings): ChatModelFactory {
  return (signal) =>
    new ConfigurableModel({
      defaultConfig: { ...fieldsFor(name, s, signal), model: name.model, modelProvider: name.provider },
    }) as BaseChatModel;
}

/**
 * For library users: `chatModelFromName('ollama:llama3.1', { baseUrl })`, one LangChain chat model
 * (no per-question abort wiring; pass `signal` in the call options instead).
 */
export function chatModelFromName(name: string, s: ByNameSettings = {}): BaseChatModel {
  const parsed = parseModelName(name);
  if (!parsed)
    throw new Error(
      `"${name}" is not provider:model with a provider LangChain knows (${Object.keys(PROVIDERS).join(', ')})`,
    );
  const missing = missingPackage(parsed);
  if (missing) throw new Error(missing);
  return chatByName(parsed, s)(new AbortController().signal);
}
