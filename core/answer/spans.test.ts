import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types.js';
import { questionTerms, rankEvidence } from './evidence.js';
import { spanFacts } from './spans.js';

const sentence = 'The plan includes the Harbour Line tram project, CX-40, and the Quay Road bus lane.';
const chunk: Chunk = { id: 0, source: 'plan.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: sentence.length, text: sentence };

describe('spanFacts', () => {
  it('counts a name as beside the noun asked about only when no comma parts them', () => {
    const q = questionTerms('Which tram project does the plan include?', () => 1);
    const facts = spanFacts('entity', q, rankEvidence(q, [{ chunk, score: 1 }]));
    const beside = (text: string) => facts.find((f) => f.candidate.text === text)?.facts.beside;
    expect(beside('Harbour Line')).toBe(1);
    expect(beside('CX-40')).toBe(0);
  });
});
