import { ChatOllama, OllamaEmbeddings } from '@langchain/ollama';
import type { ChatModelFactory } from '../answer/upstream.js';
import type { EmbedderProvider, EmbedderSpec, FittedEmbedder } from '../embed/embedder.js';
import { GuardedEmbeddings } from './guarded-embeddings.js';
import { fetchWithSignal, normaliseUrl } from './http.js';
import { notFoundHint } from './settings.js';
import type { RemoteModelSettings } from './openai.js';

const authHeaders = (key: string | undefined) => (key ? { Authorization: `Bearer ${key}` } : undefined);

/**
 * Ollama's /api/chat. A model per question: ChatOllama's own abort stops every stream of its client
 * and only between chunks, so each question gets a client whose fetch carries its signal.
 */
export function ollamaChat(s: RemoteModelSettings): ChatModelFactory {
  return (signal) =>
    new ChatOllama({
      model: s.model,
      baseUrl: normaliseUrl(s.baseUrl),
      fetch: fetchWithSignal(signal),
      headers: authHeaders(s.apiKey),
    });
}

/** A pretrained embedding model over Ollama's /api/embed (state null). */
export function ollamaEmbedder(s: RemoteModelSettings): EmbedderProvider {
  const spec: EmbedderSpec = { provider: 'ollama', model: s.model, settings: { baseUrl: normaliseUrl(s.baseUrl) } };
  const client = (maxRetries: number, signal?: AbortSignal) =>
    new OllamaEmbeddings({
      model: s.model,
      baseUrl: normaliseUrl(s.baseUrl),
      headers: authHeaders(s.apiKey),
      maxRetries,
      fetch: fetchWithSignal(signal),
    });
  const fitted: FittedEmbedder = {
    embeddings: new GuardedEmbeddings(
      client(2),
      (signal) => client(0, signal),
      s.timeoutMs,
      notFoundHint('ollama', s.baseUrl, s.model, 'EMBEDDINGS'),
    ),
    state: null,
  };
  return { spec, fit: async () => fitted, restore: () => fitted };
}
