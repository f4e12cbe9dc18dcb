import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import type { Bm25Index } from '../core/lexical/bm25.js';
import type { Chunk } from '../core/types.js';
import { goldRank } from './metrics.js';
import type { EvalItem } from './set.js';

/** A ranking to compare the project's retrieval with, on the same chunks and questions. */
export interface Baseline {
  rank(item: EvalItem): Promise<{ rank: number | null; ms: number }>;
}

/** The project's own BM25 alone (no vectors, no fusion): fusion must never rank worse than this. */
export class Bm25OnlyBaseline implements Baseline {
  constructor(
    private readonly lexical: Bm25Index,
    private readonly chunks: Chunk[],
    private readonly k = 10,
  ) {}

  async rank(item: EvalItem): Promise<{ rank: number | null; ms: number }> {
    const started = performance.now();
    const ids = this.lexical.search(item.question, this.k).map((hit) => hit.id);
    const ms = performance.now() - started;
    return {
      rank: goldRank(
        item.sources,
        ids.map((id) => this.chunks[id]!),
      ),
      ms,
    };
  }
}

/**
 * The retriever a LangChain user gets by default (`BM25Retriever.fromDocuments`) over the same
 * chunks, so every report shows the project's retrieval beside it.
 */
export class LangChainBaseline implements Baseline {
  private readonly retriever: BM25Retriever;

  constructor(chunks: Chunk[], k = 10) {
    const docs = chunks.map(
      (c) =>
        new Document({
          pageContent: c.text,
          metadata: { source: c.source, startLine: c.startLine, endLine: c.endLine },
        }),
    );
    this.retriever = BM25Retriever.fromDocuments(docs, { k });
  }

  async rank(item: EvalItem): Promise<{ rank: number | null; ms: number }> {
    const started = performance.now();
    const docs = await this.retriever.invoke(item.question);
    const ms = performance.now() - started;
    const spans = docs.map((d) => ({
      source: String(d.metadata.source),
      startLine: Number(d.metadata.startLine),
      endLine: Number(d.metadata.endLine),
    }));
    return { rank: goldRank(item.sources, spans), ms };
  }
}
