import { ExtractiveAnswerer } from './answer/extractive.js';
import { Engine } from './engine.js';
import type { LoadedIndex } from './index/store.js';
import { HybridRetriever } from './retrieve/hybrid.js';

/** Wire a loaded index into the default engine: hybrid retrieval and the extractive answerer. */
export function engineFromIndex(index: LoadedIndex, defaultK = 5): Engine {
  const retriever = new HybridRetriever({
    chunks: index.chunks,
    lexical: index.lexical,
    vectors: index.vectors,
    embeddings: index.embedder.embeddings,
  });
  const answerer = new ExtractiveAnswerer((stem) => index.lexical.idf(stem));
  return new Engine(retriever, answerer, defaultK);
}
