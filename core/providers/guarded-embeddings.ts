import { Embeddings } from '@langchain/core/embeddings';
import { AppError } from '../errors.js';
import { upstreamError } from '../answer/upstream.js';

/**
 * A remote embedding model as the retriever sees it: a question's embedding that does not come
 * back within the timeout, or fails, becomes an `upstream_*` error naming the embedding model
 * instead of a hang or an internal error. Ingest batches are not timed (a CPU model may be slow)
 * and go through `documents`, which may retry; a question goes through `query`, which should not,
 * with a client per question whose HTTP request is closed once the question stops waiting.
 */
export class GuardedEmbeddings extends Embeddings {
  constructor(
    private readonly documents: Embeddings,
    private readonly query: (signal: AbortSignal) => Embeddings,
    private readonly timeoutMs: number,
    /** Added to an HTTP 404 from the embedding server: which settings to check. */
    private readonly notFoundHint?: string,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    try {
      return await this.documents.embedDocuments(texts);
    } catch (err) {
      throw upstreamError(err, undefined, 'The embedding model', this.notFoundHint);
    }
  }

  async embedQuery(text: string): Promise<number[]> {
    const request = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError('upstream_timeout', `The embedding model sent nothing for ${this.timeoutMs} ms.`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.query(request.signal).embedQuery(text), timedOut]);
    } catch (err) {
      throw upstreamError(err, undefined, 'The embedding model', this.notFoundHint);
    } finally {
      clearTimeout(timer);
      request.abort();
    }
  }
}
