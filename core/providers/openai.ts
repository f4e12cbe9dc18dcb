import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { ChatModelFactory } from '../answer/upstream.js';
import type { EmbedderProvider, EmbedderSpec, FittedEmbedder } from '../embed/embedder.js';
import { GuardedEmbeddings } from './guarded-embeddings.js';
import { fetchWithSignal, normaliseUrl } from './http.js';
import { notFoundHint } from './settings.js';

export interface RemoteModelSettings {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** Local OpenAI-compatible servers ignore the key, but the client refuses to start without one. */
const keyOrPlaceholder = (key: string | undefined) => key ?? 'not-needed';

/**
 * Any OpenAI-compatible chat-completions server. Retries are off: the answer path has its own
 * timeout and fallback, and six silent retries with backoff would outlast both.
 */
export function openAiChat(s: RemoteModelSettings): ChatModelFactory {
  return (signal) =>
    new ChatOpenAI({
      model: s.model,
      apiKey: keyOrPlaceholder(s.apiKey),
      maxRetries: 0,
      streamUsage: false,
      configuration: { baseURL: s.baseUrl, fetch: fetchWithSignal(signal) },
    });
}

/** A pretrained embedding model over OpenAI's /embeddings: learns nothing from the corpus (state null). */
export function openAiEmbedder(s: RemoteModelSettings): EmbedderProvider {
  const spec: EmbedderSpec = { provider: 'openai', model: s.model, settings: { baseUrl: normaliseUrl(s.baseUrl) } };
  // Floats, not the client's default base64: many OpenAI-compatible servers only speak floats.
  const client = (maxRetries: number, signal?: AbortSignal) =>
    new OpenAIEmbeddings({
      model: s.model,
      apiKey: keyOrPlaceholder(s.apiKey),
      maxRetries,
      encodingFormat: 'float',
      configuration: { baseURL: s.baseUrl, fetch: fetchWithSignal(signal) },
    });
  // Ingest batches are not timed (a CPU model may take minutes); a question's embedding is, and its request is closed on timeout.
  const embeddings = new GuardedEmbeddings(
    client(2),
    (signal) => client(0, signal),
    s.timeoutMs,
    notFoundHint('openai', s.baseUrl, s.model, 'EMBEDDINGS'),
  );
  const fitted: FittedEmbedder = { embeddings, state: null };
  return { spec, fit: async () => fitted, restore: () => fitted };
}
