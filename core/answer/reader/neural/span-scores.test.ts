import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../evidence.js';
import type { Chunk } from '../../../types.js';
import { NEURAL_FEATURES, SpanScores } from './span-scores.js';
import type { WindowScorer } from './window-model.js';

const text = 'The harbour opened in 1897. It was designed by Agnes Marlowe. Boats shelter there.';
const chunk: Chunk = { id: 7, source: 'a.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: text.length, text };
const sentence = (s: string): Evidence => {
  const start = text.indexOf(s);
  return {
    passage: { chunk, score: 1 },
    passageRank: 0,
    start,
    end: start + s.length,
    text: s,
    coverage: 1,
    windowCoverage: 1,
    passageCoverage: 1,
    score: 1,
  };
};

/** A stand-in model that puts the answer on the words it is told, and counts the windows it reads. */
function pointingAt(first: string, last: string) {
  const read: string[][] = [];
  const model: WindowScorer = {
    score: (passage) => {
      read.push([...passage]);
      return Promise.resolve({
        start: Float32Array.from(passage, (w) => (w === first ? 5 : 0)),
        end: Float32Array.from(passage, (w) => (w === last ? 5 : 0)),
      });
    },
  };
  return { model, read };
}

const feature = (row: number[], name: (typeof NEURAL_FEATURES)[number]) => row[NEURAL_FEATURES.indexOf(name)]!;

describe('the neural span scores', () => {
  it('scores the span the model points at above others, and marks it as the best', async () => {
    const { model } = pointingAt('Agnes', 'Marlowe');
    const designed = sentence('It was designed by Agnes Marlowe.');
    const scores = await SpanScores.read(model, 'Who designed the harbour?', [designed]);
    const name = designed.text.indexOf('Agnes Marlowe');
    const right = scores.featuresOf(designed, name, name + 'Agnes Marlowe'.length, false);
    const wrong = scores.featuresOf(designed, 0, 2, false);
    expect(feature(right, 'neuralSpan')).toBe(10);
    expect(feature(right, 'neuralGap')).toBe(0);
    expect(feature(right, 'neuralOverlap')).toBe(1);
    expect(feature(wrong, 'neuralSpan')).toBeLessThan(10);
    expect(feature(wrong, 'neuralGap')).toBeGreaterThan(0);
    expect(feature(wrong, 'neuralOverlap')).toBe(0);
    expect(feature(right, 'neuralLogProb')).toBeGreaterThan(feature(wrong, 'neuralLogProb'));
    // A whole sentence is scored by the best span inside it.
    expect(feature(scores.featuresOf(designed, 0, designed.text.length, true), 'neuralSpan')).toBe(10);
  });

  it('reads each window once, the sentence with its neighbours', async () => {
    const { model, read } = pointingAt('1897', '1897');
    const all = ['The harbour opened in 1897.', 'It was designed by Agnes Marlowe.', 'Boats shelter there.'].map(
      sentence,
    );
    await SpanScores.read(model, 'When?', [all[1]!, all[1]!]);
    expect(read).toHaveLength(1);
    expect(read[0]!.join(' ')).toBe(
      'The harbour opened in 1897 . It was designed by Agnes Marlowe . Boats shelter there .',
    );
  });

  it('leaves the features missing for a sentence it did not read', async () => {
    const { model } = pointingAt('1897', '1897');
    const scores = await SpanScores.read(model, 'When?', [sentence('The harbour opened in 1897.')]);
    const other = sentence('Boats shelter there.');
    expect(scores.featuresOf(other, 0, 5, false).every(Number.isNaN)).toBe(true);
  });
});
