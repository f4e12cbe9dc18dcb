import { CallbackManager } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { ensureConfig } from '@langchain/core/runnables';
import type { Passage } from '../types.js';
import type { RetrievalQuery, Retriever } from './retriever.js';

/**
 * What a LangChain user gets for a passage: the chunk's text, and where it sits. `source` and `file`
 * are both the path under the docs folder (`source` is what LangChain's loaders use, `file` what a
 * reader of this project's citations expects); `loc.lines` is the loaders' convention for a line range.
 */
export function documentOf(passage: Passage): Document {
  const { chunk } = passage;
  return new Document({
    pageContent: chunk.text,
    id: String(chunk.id),
    metadata: {
      source: chunk.source,
      file: chunk.source,
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      loc: { lines: { from: chunk.startLine, to: chunk.endLine } },
      ...(chunk.page !== undefined && { page: chunk.page }),
      ...(chunk.section !== undefined && { heading: chunk.section }),
      ...(chunk.alsoIn?.length && {
        alsoIn: chunk.alsoIn.map(({ source, startLine, endLine, page, section }) => ({
          source,
          startLine,
          endLine,
          page,
          heading: section,
        })),
      }),
      chunkId: chunk.id,
      score: passage.score,
      ...(passage.likelihood !== undefined && { likelihood: passage.likelihood }),
    },
  });
}

export interface DocqaRetrieverInput extends BaseRetrieverInput {
  /** Passages per question (default 5). */
  k?: number;
}

/**
 * The project's retrieval (hybrid BM25 + vectors, reordered by the learned passage ranker) as a
 * LangChain retriever, so it drops into any LCEL chain; `invoke` reports retriever start and end to
 * the callbacks (and to LangSmith when LANGSMITH_TRACING is set) like any LangChain retriever.
 */
export class DocqaRetriever extends BaseRetriever {
  static override lc_name(): string {
    return 'DocqaRetriever';
  }

  lc_namespace = ['docqa', 'retrievers'];
  readonly k: number;

  constructor(
    private readonly passages: Retriever,
    fields: DocqaRetrieverInput = {},
  ) {
    super(fields);
    this.k = fields.k ?? 5;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const passages = await this.passages.retrieve({ question: query, k: this.k });
    return passages.map(documentOf);
  }
}

/**
 * The engine's retrieval step (which also carries history, k and an abort signal, none of which a
 * LangChain retriever's string query can) reported to LangChain callbacks as a retriever run of
 * `identity`, the way `BaseRetriever.invoke` reports one: start, then end with the documents, or
 * error. The callbacks are those of the LangChain config in effect (`ensureConfig` reads the one a
 * caller set with `runWithConfig`) and LangSmith's when LANGSMITH_TRACING is set; not `identity`'s
 * own, which its `invoke` reports to (a handler in both would see every run twice).
 */
export function tracedRetriever(inner: Retriever, identity: BaseRetriever): Retriever {
  return {
    async retrieve(query: RetrievalQuery) {
      const config = ensureConfig();
      const manager = await CallbackManager.configure(
        config.callbacks,
        undefined,
        config.tags,
        identity.tags,
        { ...config.metadata, k: query.k },
        identity.metadata,
        {
          verbose: identity.verbose,
        },
      );
      const run = await manager?.handleRetrieverStart(identity.toJSON(), query.question);
      try {
        const passages = await inner.retrieve(query);
        await run?.handleRetrieverEnd(passages.map(documentOf));
        return passages;
      } catch (err) {
        await run?.handleRetrieverError(err);
        throw err;
      }
    },
  };
}
