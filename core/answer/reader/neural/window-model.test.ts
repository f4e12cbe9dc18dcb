import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wordTokens } from './tokens.js';
import { NEURAL_MODEL_DIR, WindowModel } from './window-model.js';

const parity = JSON.parse(readFileSync(new URL('parity.json', NEURAL_MODEL_DIR), 'utf8')) as {
  passage: string;
  question: string;
  start: number[];
  end: number[];
};

describe('the neural window model', () => {
  it('scores a window as PyTorch did when it was exported (tokens, features and word table alike)', async () => {
    const words = (s: string) => wordTokens(s).map((t) => t.text);
    const scores = await new WindowModel().score(words(parity.passage), words(parity.question));
    expect(scores.start.length).toBe(parity.start.length);
    parity.start.forEach((v, i) => expect(scores.start[i]).toBeCloseTo(v, 3));
    parity.end.forEach((v, i) => expect(scores.end[i]).toBeCloseTo(v, 3));
  });

  it('scores nothing for an empty window', async () => {
    const scores = await new WindowModel().score([], ['why']);
    expect(scores.start.length).toBe(0);
  });
});
