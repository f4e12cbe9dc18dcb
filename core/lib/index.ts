/**
 * The library entry (`import { openIndex } from 'docqa'`): an index folder built by `npm run ingest`
 * (or the server) opened for a LangChain app, as a LangChain retriever and as the answer stream the
 * server sends. Everything here is wiring of the same parts the server uses.
 */
import type { Callbacks } from '@langchain/core/callbacks/manager';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { LearnedReranker } from '../answer/passage-ranker.js';
import { engineFromIndex, type ModelAnswering } from '../assemble.js';
import { loadConfig } from '../config.js';
import type { EmbedderProvider } from '../embed/embedder.js';
import { Engine } from '../engine.js';
import { toAppError } from '../errors.js';
import type { Manifest } from '../index/manifest.js';
import { IndexStore, type LoadedIndex } from '../index/store.js';
import type { AnswerEvent } from '../protocol.js';
import { answeringFromConfig, embedderFromConfig } from '../providers/from-config.js';
import { HybridRetriever } from '../retrieve/hybrid.js';
import { DocqaRetriever, tracedRetriever } from '../retrieve/langchain.js';
import type { Turn } from '../types.js';
import { asChainRun } from './in-config.js';
import { externalVectors, type ExternalVectorOptions, type IndexedVectors, type ScoreKind } from './vector-store.js';

export type { AnswerEvent, AskResponse, PassageView } from '../protocol.js';
export type { Citation, Passage, Turn } from '../types.js';
export { collect } from '../engine.js';
export { DocqaRetriever, documentOf } from '../retrieve/langchain.js';
export { chatModelFromName } from '../providers/by-name.js';
export {
  copyVectors,
  factoryFromName,
  IndexedVectors,
  type ScoreKind,
  type VectorStoreContext,
  type VectorStoreFactory,
} from './vector-store.js';

export interface OpenIndexOptions {
  /**
   * Settings, as the server reads them from its environment (default: process.env): EMBEDDINGS_*
   * must name the embedder the index was built with; ANSWER_MODE=llm with LLM_MODEL (or LLM_PROVIDER,
   * LLM_BASE_URL) makes `ask` answer with that model; HNSW_EF, RETRIEVAL_K and READER apply too.
   */
  env?: NodeJS.ProcessEnv;
  /** The embedder the index was built with, instead of the one EMBEDDINGS_* names. */
  embedder?: EmbedderProvider;
  /** A chat model for `ask` to answer with (follow-ups are rewritten with it too), instead of the configured one. */
  model?: BaseChatModel;
  /** Passages per question, for the retriever and `ask` (default RETRIEVAL_K, 5). */
  k?: number;
  /** LangChain callback handlers for every retriever run and every `ask` (its retrieval and model calls). */
  callbacks?: Callbacks;
  /**
   * Any LangChain VectorStore for the vector half (core/lib/vector-store.ts): a factory, or its name
   * (`memory`, `module#export`); default VECTOR_STORE. BM25, chunks and reranking stay local.
   */
  vectorStore?: ExternalVectorOptions['store'];
  /** Whether the store's scores are similarities (default) or distances; default VECTOR_STORE_SCORES. */
  vectorScores?: ScoreKind;
  /** Copy the index's vectors into the store on opening (default: VECTOR_STORE_COPY=1, or for `memory`). */
  copyVectors?: boolean;
}

export interface AskOptions {
  k?: number;
  /** Earlier turns of the conversation, oldest first: a follow-up is answered in their context. */
  history?: Turn[];
  signal?: AbortSignal;
  /** Callback handlers for this question's retrieval and model calls (instead of openIndex's). */
  callbacks?: Callbacks;
}

export interface DocqaIndex {
  /** Hybrid BM25 + vector retrieval reordered by the learned passage ranker, as a LangChain retriever. */
  retriever: DocqaRetriever;
  /**
   * The server's answer stream for one question: `passages`, then `delta`s (model answers only),
   * then one `done` or `error`. It never throws; `collect(events)` gathers it into one answer.
   */
  ask(question: string, options?: AskOptions): AsyncIterable<AnswerEvent>;
  manifest: Manifest;
}

/** Open the live generation of an index folder. */
export async function openIndex(dir: string, options: OpenIndexOptions = {}): Promise<DocqaIndex> {
  const config = loadConfig(options.env ?? process.env);
  const k = options.k ?? config.RETRIEVAL_K;
  const index = await new IndexStore(dir).load(options.embedder ?? (await embedderFromConfig(config)), {
    ef: config.HNSW_EF,
  });
  const vectors = await vectorHalf(index, dir, options, options.env ?? process.env);
  // engineFromIndex reads `vectors` only through HybridRetriever.fromIndex, as a VectorStore; its parameter type names the local HNSW store.
  const searched: LoadedIndex = vectors ? { ...index, vectors: vectors as unknown as LoadedIndex['vectors'] } : index;
  const idf = (stem: string) => index.lexical.idf(stem);
  const retriever = new DocqaRetriever(new LearnedReranker(HybridRetriever.fromIndex(searched), idf), {
    k,
    callbacks: options.callbacks,
  });
  const answering: ModelAnswering | undefined = options.model
    ? { model: modelFactory(options.model), timeoutMs: config.LLM_TIMEOUT_MS, fallback: config.LLM_FALLBACK }
    : await answeringFromConfig(config);
  // Built on the first question: a retriever-only app never loads the reader.
  let engine: Engine | undefined;
  const engineOnce = () => {
    if (!engine) {
      const base = engineFromIndex(searched, k, answering, config.READER);
      engine = new Engine(tracedRetriever(base.retriever, retriever), base.answerer, k);
    }
    return engine;
  };
  return {
    retriever,
    manifest: index.manifest,
    ask(question, { k: askK, history, signal, callbacks } = {}) {
      async function* events(): AsyncGenerator<AnswerEvent> {
        let ready: Engine;
        try {
          ready = engineOnce();
        } catch (err) {
          // Like the engine's own failures: the stream ends with an error event, it does not throw.
          const error = toAppError(err);
          yield { type: 'error', code: error.code, message: error.message };
          return;
        }
        yield* ready.ask({ question, history, k: askK ?? k }, signal);
      }
      return asChainRun('docqa.ask', question, callbacks ?? options.callbacks, events());
    },
  };
}

/** The external vector store the options or VECTOR_STORE* name, or undefined for the index's own graph. */
function vectorHalf(
  index: LoadedIndex,
  dir: string,
  options: OpenIndexOptions,
  env: NodeJS.ProcessEnv,
): Promise<IndexedVectors | undefined> {
  const store = options.vectorStore ?? (env.VECTOR_STORE || undefined);
  if (!store) return Promise.resolve(undefined);
  const scores = options.vectorScores ?? (env.VECTOR_STORE_SCORES === 'distance' ? 'distance' : 'similarity');
  const copy = options.copyVectors ?? (env.VECTOR_STORE_COPY ? env.VECTOR_STORE_COPY === '1' : undefined);
  return externalVectors(index, dir, { store, scores, copy });
}

/** The engine asks for a model per question (bound to its abort signal); a given model is shared, and aborted through the call's own signal. */
function modelFactory(model: BaseChatModel): ModelAnswering['model'] {
  return () => model;
}
