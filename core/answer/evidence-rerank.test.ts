import { describe, expect, it } from 'vitest';
import type { RetrievalQuery, Retriever } from '../retrieve/retriever.js';
import type { Chunk, Passage } from '../types.js';
import { EvidenceReranker, rerankByEvidence } from './evidence-rerank.js';

const passage = (id: number, text: string, score: number): Passage => {
  const chunk: Chunk = { id, source: `doc${id}.txt`, startLine: 1, endLine: 1, startOffset: 0, endOffset: text.length, text };
  return { chunk, score };
};

// The first passage mentions every question word, but scattered over sentences about other things;
// the second says the fact in one sentence.
const scattered = passage(0, 'The bridge was painted red. Engineers met in Porto. A flood came in spring. The opening was delayed.', 0.9);
const answering = passage(1, 'The Porto bridge opening was delayed by the spring flood. Tourists came later.', 0.8);
const unrelated = passage(2, 'Trains run every hour.', 0.5);
const question = 'Why was the opening of the Porto bridge delayed in spring?';
const sameWeight = () => 1;

class Fixed implements Retriever {
  asked: RetrievalQuery[] = [];
  constructor(private readonly passages: Passage[]) {}
  async retrieve(query: RetrievalQuery): Promise<Passage[]> {
    this.asked.push(query);
    return this.passages.slice(0, query.k);
  }
}

describe('rerankByEvidence', () => {
  it('puts the passage whose one sentence covers the question before one that covers it only as a whole', () => {
    const ranked = rerankByEvidence(question, [scattered, answering, unrelated], sameWeight);
    expect(ranked.map((p) => p.chunk.id)).toEqual([1, 0, 2]);
  });

  it('leaves passages beyond the depth where they were', () => {
    const ranked = rerankByEvidence(question, [unrelated, scattered, answering], sameWeight, 2);
    expect(ranked.map((p) => p.chunk.id)).toEqual([0, 2, 1]);
  });

  it('keeps every passage, including one without sentences, and scores unchanged', () => {
    const empty = passage(3, '', 0.95);
    const ranked = rerankByEvidence(question, [empty, scattered, answering], sameWeight);
    expect(ranked.map((p) => p.chunk.id).sort()).toEqual([0, 1, 3]);
    expect(ranked[ranked.length - 1]).toBe(empty);
    expect(ranked.find((p) => p.chunk.id === 1)!.score).toBe(0.8);
  });
});

describe('EvidenceReranker', () => {
  it('reranks the same head whatever k is asked for, and returns k passages', async () => {
    const inner = new Fixed([scattered, answering, unrelated]);
    const reranker = new EvidenceReranker(inner, sameWeight, 3);
    const [top] = await reranker.retrieve({ question, k: 1 });
    expect(top?.chunk.id).toBe(1);
    expect(inner.asked[0]!.k).toBe(3);
    expect(await reranker.retrieve({ question, k: 2 })).toHaveLength(2);
  });
});
