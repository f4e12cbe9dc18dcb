import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';

/** A factory named in configuration the way a user's would be (VECTOR_STORE=test/fakes/vector-store-factory.ts#memoryStore). */
export const built: MemoryVectorStore[] = [];
export function memoryStore(embeddings: EmbeddingsInterface): MemoryVectorStore {
  const store = new MemoryVectorStore(embeddings);
  built.push(store);
  return store;
}
