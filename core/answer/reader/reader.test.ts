import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../../types.js';
import { CLOSEST_PASSAGE, NOT_IN_DOCUMENTS } from '../answerer.js';
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
  it('loads the committed models, and a threshold between 0 and 1', async () => {
    const reader = new LearnedReader();
    expect(reader.spanModel.trees.length).toBeGreaterThan(10);
    expect(reader.threshold).toBeGreaterThan(0);
    expect(reader.threshold).toBeLessThan(1);
  });

  it('answers with the phrase of the kind asked for, cited to its sentence', async () => {
    const when = await answerer.extract('When did the harbour at Kellness open?', [harbour]);
    expect(when.answer).toContain('1897');
    expect(when.citations[0]?.quote ?? '').toContain('1897');
    expect((await answerer.extract('Who designed the harbour at Kellness?', [harbour])).answer).toContain(
      'Agnes Marlowe',
    );
    expect((await answerer.extract('How long is the breakwater at Kellness?', [harbour])).answer).toContain('640');
  });

  it('reads without the neural scores, warning once, when their runtime fails', async () => {
    const broken = { score: () => Promise.reject(new Error('no binary for this platform')) };
    const reader = new LearnedReader(undefined, undefined, broken);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const reading = new ExtractiveAnswerer(() => 1, undefined, reader);
      expect((await reading.extract('Who designed the harbour at Kellness?', [harbour])).citations).not.toHaveLength(0);
      await reading.extract('When did the harbour at Kellness open?', [harbour]);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((m) => m.includes('no binary for this platform'))).toHaveLength(1);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('declines and quotes the closest sentence when the no-answer model doubts, and is silent below its floor', async () => {
    const spans = new LearnedReader().spanModel;
    // A no-answer model of one leaf: every question gets the same probability, sigmoid(margin).
    const sure = (margin: number, settings: Record<string, number>) =>
      new ExtractiveAnswerer(
        () => 1,
        undefined,
        new LearnedReader(spans, {
          ...new LearnedReader().noAnswerModel,
          base: margin,
          trees: [],
          settings,
        }),
      );
    const question = 'When did the harbour at Kellness open?';
    const doubt = await sure(0, { threshold: 0.7, closest: 0.3 }).extract(question, [harbour]);
    expect(doubt.abstained).toBe(true);
    expect(doubt.closest).toBe(true);
    expect(doubt.answer.startsWith(CLOSEST_PASSAGE)).toBe(true);
    expect(doubt.answer).toContain('opened in 1897');
    expect(doubt.citations[0]?.quote ?? '').toContain('opened in 1897');
    const silent = await sure(-2, { threshold: 0.7, closest: 0.3 }).extract(question, [harbour]);
    expect(silent).toMatchObject({ answer: NOT_IN_DOCUMENTS, abstained: true, citations: [] });
    expect(silent.closest).toBeUndefined();
    expect((await sure(2, { threshold: 0.7, closest: 0.3 }).extract(question, [harbour])).answer).toContain('1897');
    // Without a floor there is no such band.
    expect((await sure(0, { threshold: 0.7 }).extract(question, [harbour])).answer).toBe(NOT_IN_DOCUMENTS);
  });

  it('still says plainly when no passage covers the question', async () => {
    expect((await answerer.extract('What colour is the lighthouse on Skerra?', [harbour])).answer).toBe(
      NOT_IN_DOCUMENTS,
    );
  });
});
