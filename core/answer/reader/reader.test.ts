import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../../types.js';
import { NOT_IN_DOCUMENTS } from '../answerer.js';
import { ExtractiveAnswerer } from '../extractive.js';
import { LearnedReader } from './reader.js';

const passageOf = (text: string, id = 0): Passage => {
  const chunk: Chunk = {
    id,
    source: `doc-${id}.txt`,
    startLine: 1,
    endLine: 1,
    startOffset: 0,
    endOffset: text.length,
    text,
  };
  return { chunk, score: 1 };
};

// Written for these tests, not taken from any evaluation set.
const harbour = passageOf(
  'The new harbour at Kellness opened in 1897 after nine years of work. It was designed by the engineer Agnes Marlowe. ' +
    'Its breakwater is 640 metres long and shelters about forty fishing boats.',
);
const answerer = new ExtractiveAnswerer(() => 1);

describe('the learned reader', () => {
  it('loads the committed models, and a threshold between 0 and 1', () => {
    const reader = new LearnedReader();
    expect(reader.spanModel.trees.length).toBeGreaterThan(10);
    expect(reader.threshold).toBeGreaterThan(0);
    expect(reader.threshold).toBeLessThan(1);
  });

  it('answers with the phrase of the kind asked for, cited to its sentence', () => {
    const when = answerer.extract('When did the harbour at Kellness open?', [harbour]);
    expect(when.answer).toContain('1897');
    expect(when.citations[0]?.quote ?? '').toContain('1897');
    expect(answerer.extract('Who designed the harbour at Kellness?', [harbour]).answer).toContain('Agnes Marlowe');
    expect(answerer.extract('How long is the breakwater at Kellness?', [harbour]).answer).toContain('640');
  });

  it('still says plainly when no passage covers the question', () => {
    expect(answerer.extract('What colour is the lighthouse on Skerra?', [harbour]).answer).toBe(NOT_IN_DOCUMENTS);
  });
});
