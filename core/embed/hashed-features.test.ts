import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_HASH, localHashProvider, type LocalHashSettings } from '../providers/local-hash.js';
import { sampleTexts } from '../lexical/sample-texts.fixture.js';
import { TokenizedTexts } from '../lexical/word-tokens.js';
import { HashedFeatures, type HashedState } from './hashed-features.js';

const texts = sampleTexts();

/** The provider's own fit and vectors against the tokenised path's, compared exactly (toEqual on numbers is Object.is). */
async function compare(settings: LocalHashSettings, sample: string[]) {
  const provider = localHashProvider(settings);
  const fitted = await provider.fit(sample);
  const tokens = new TokenizedTexts(sample);
  const features = new HashedFeatures(settings, tokens.vocabulary);
  const state = await features.fit(tokens);
  expect(state).toEqual(fitted.state);
  const expected = await fitted.embeddings.embedDocuments(sample);
  const { idf } = fitted.state as HashedState;
  sample.forEach((_, i) => expect(features.embed(tokens, i, idf)).toEqual(expected[i]));
  // Into a shared buffer at an offset, as ingest hands batches to the graph's thread.
  const flat = new Float64Array(3 * settings.dimensions);
  for (let i = 0; i < 3; i++) features.embedInto(tokens, i, idf, flat, i * settings.dimensions);
  for (let i = 0; i < 3; i++)
    expect(Array.from(flat.subarray(i * settings.dimensions, (i + 1) * settings.dimensions))).toEqual(expected[i]);
}

describe('HashedFeatures', () => {
  it('fits the same IDF table and makes the same vectors, bit for bit, as the local embedder', async () => {
    expect(texts.length).toBeGreaterThan(500);
    await compare(DEFAULT_LOCAL_HASH, texts);
  });

  it('agrees under other settings too (few dimensions: many collisions, both signs in one bucket)', async () => {
    await compare({ dimensions: 16, charNgrams: [2, 3, 5], charWeight: 0.7, bigramWeight: 0.25 }, texts.slice(0, 300));
    await compare({ dimensions: 1000, charNgrams: [], charWeight: 0, bigramWeight: 1 }, texts.slice(0, 300));
  });

  it('gives a text without words the unit vector the embedder gives it', async () => {
    const tokens = new TokenizedTexts(['', 'the of and', '...']);
    const features = new HashedFeatures(DEFAULT_LOCAL_HASH, tokens.vocabulary);
    const state = await features.fit(tokens);
    const expected = await localHashProvider().restore(state).embeddings.embedDocuments(['', 'the of and', '...']);
    for (let i = 0; i < 3; i++) expect(features.embed(tokens, i, state.idf)).toEqual(expected[i]);
  });
});
