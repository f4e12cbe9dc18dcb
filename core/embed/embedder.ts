import type { Embeddings } from '@langchain/core/embeddings';

/** Which embedder built an index; serving with another one would compare incomparable vectors. */
export interface EmbedderSpec {
  provider: string;
  model: string;
  settings: Record<string, unknown>;
}

/** Embeddings ready to use, plus the corpus statistics they depend on (persisted with the index). */
export interface FittedEmbedder {
  embeddings: Embeddings;
  /** JSON-serialisable; `null` for pretrained models that learn nothing from the corpus. */
  state: unknown;
}

/**
 * The embedder seam. Providers that learn from the corpus (the local one fits IDF weights)
 * do it in `fit`; pretrained ones return their model unchanged.
 */
export interface EmbedderProvider {
  readonly spec: EmbedderSpec;
  fit(texts: string[]): Promise<FittedEmbedder>;
  restore(state: unknown): FittedEmbedder;
}

export function sameSpec(a: EmbedderSpec, b: EmbedderSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function describeSpec(spec: EmbedderSpec): string {
  return `${spec.provider}:${spec.model}`;
}
