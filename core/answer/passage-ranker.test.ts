import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RetrievalQuery, Retriever } from '../retrieve/retriever.js';
import type { Chunk, Passage } from '../types.js';
import { PASSAGE_FEATURES, passageFeatures } from './passage-features.js';
import { LearnedReranker, RERANK_DEPTH, readPassageModel } from './passage-ranker.js';

const passage = (id: number, text: string, lexical: number, vector: number): Passage => {
  const chunk: Chunk = {
    id,
    source: `doc${id}.txt`,
    startLine: 1,
    endLine: 1,
    startOffset: 0,
    endOffset: text.length,
    text,
  };
  return { chunk, score: 1 / (1 + id), signals: { lexical, vector } };
};

const question = 'When did the Porto bridge opening take place?';
// First by the retriever, but about another bridge and saying the words apart.
const scattered = passage(
  0,
  'The Lisbon bridge was painted. An opening of the Porto market took place in May.',
  1,
  -0.02,
);
const answering = passage(1, 'The Porto bridge opening took place on 4 June 1886.', 0.9, 0);
const unrelated = passage(2, 'Trains run every hour from the station.', 0.1, -0.3);
const sameWeight = () => 1;

class Fixed implements Retriever {
  asked: RetrievalQuery[] = [];
  constructor(private readonly passages: Passage[]) {}
  async retrieve(query: RetrievalQuery): Promise<Passage[]> {
    this.asked.push(query);
    return this.passages.slice(0, query.k);
  }
}

describe('passageFeatures', () => {
  it('reads rank, signals, coverage, missing names and word pairs in the declared order', () => {
    const [a, b] = passageFeatures(question, [scattered, answering], sameWeight);
    expect(a).toHaveLength(PASSAGE_FEATURES.length);
    const at = (row: number[], name: (typeof PASSAGE_FEATURES)[number]) => row[PASSAGE_FEATURES.indexOf(name)]!;
    expect([at(a!, 'retrievalRank'), at(b!, 'retrievalRank')]).toEqual([1, 0.5]);
    expect([at(a!, 'lexical'), at(b!, 'vector')]).toEqual([1, 0]);
    expect(at(b!, 'coverage')).toBeGreaterThan(at(a!, 'coverage'));
    expect(at(b!, 'bigrams')).toBeGreaterThan(at(a!, 'bigrams'));
    expect([at(a!, 'missingNames'), at(b!, 'missingNames')]).toEqual([0, 0]);
    const [lisbon] = passageFeatures('What is the Lisbon bridge made of?', [answering], sameWeight);
    expect(at(lisbon!, 'missingNames')).toBe(1);
  });
});

describe('LearnedReranker', () => {
  it('puts the passage that says what the question asks first, with scores in order', async () => {
    const inner = new Fixed([scattered, answering, unrelated]);
    const ranked = await new LearnedReranker(inner, sameWeight).retrieve({ question, k: 3 });
    expect(ranked.map((p) => p.chunk.id)).toEqual([1, 0, 2]);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it('says how sure it is of each passage: likelihoods in score order that share out certainty', async () => {
    const ranked = await new LearnedReranker(new Fixed([scattered, answering, unrelated]), sameWeight).retrieve({
      question,
      k: 3,
    });
    const likelihoods = ranked.map((p) => p.likelihood!);
    expect(likelihoods.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect([...likelihoods].sort((a, b) => b - a)).toEqual(likelihoods);
    expect(likelihoods[0]).toBeLessThan(1);
  });

  it('ranks the same head whatever k is asked for', async () => {
    const inner = new Fixed([scattered, answering, unrelated]);
    const [top] = await new LearnedReranker(inner, sameWeight).retrieve({ question, k: 1 });
    expect(top?.chunk.id).toBe(1);
    expect(inner.asked[0]!.k).toBe(RERANK_DEPTH);
  });
});

describe('readPassageModel', () => {
  it('reads the shipped weights, one per feature', () => {
    const model = readPassageModel();
    expect(model.features).toEqual([...PASSAGE_FEATURES]);
    expect(model.weights).toHaveLength(PASSAGE_FEATURES.length);
  });

  it('refuses weights trained on other features', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ranker-'));
    try {
      const file = path.join(dir, 'model.json');
      const shipped = readPassageModel();
      await writeFile(file, JSON.stringify({ ...shipped, features: [...shipped.features].reverse() }));
      expect(() => readPassageModel(pathToFileURL(file))).toThrow(/train-passage-ranker/);
      await writeFile(file, JSON.stringify({ ...shipped, weights: shipped.weights.slice(1) }));
      expect(() => readPassageModel(pathToFileURL(file))).toThrow(/one number per feature/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
