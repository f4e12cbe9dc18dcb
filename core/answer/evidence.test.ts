import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { questionTerms, rankEvidence } from './evidence.js';

const passage = (id: number, text: string, likelihood?: number): Passage => {
  const chunk: Chunk = {
    id,
    source: `doc${id}.txt`,
    startLine: 1,
    endLine: 1,
    startOffset: 0,
    endOffset: text.length,
    text,
  };
  return { chunk, score: 1 / (1 + id), ...(likelihood !== undefined && { likelihood }) };
};

const q = questionTerms('When did the harbour ferry start running?', () => 1);
// Both say every word of the question; only the retriever's judgement can tell them apart.
const first = 'The harbour ferry started running in 1902.';
const second = 'The harbour ferry started running again in 1946.';

describe('rankEvidence', () => {
  it('prefers the earlier passage when the retriever gives only an order', () => {
    const [best] = rankEvidence(q, [passage(0, first), passage(1, second)]);
    expect(best?.passage.chunk.id).toBe(0);
  });

  it('follows how sure a ranker is: a second passage it holds far likelier than the first wins the tie', () => {
    const [best] = rankEvidence(q, [passage(0, first, 0.1), passage(1, second, 0.85)]);
    expect(best?.passage.chunk.id).toBe(1);
  });

  it('still puts a sentence that says more of the question above one from a likelier passage', () => {
    const [best] = rankEvidence(q, [passage(0, 'Trains stopped running in 1950.', 0.9), passage(1, first, 0.1)]);
    expect(best?.passage.chunk.id).toBe(1);
  });
});
