import { describe, expect, it } from 'vitest';
import type { Passage } from '../../types.js';
import { PASSAGE_STYLE_FEATURES, passageStyleRow } from './passage-style.js';

const passage = (text: string): Passage => ({
  chunk: { id: 0, source: 'a.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: text.length, text },
  score: 1,
});

const style = (text: string) =>
  Object.fromEntries(PASSAGE_STYLE_FEATURES.map((name, i) => [name, passageStyleRow(passage(text))[i]]));

describe('passageStyleRow', () => {
  it('tells a paper dense with numbers and references from short plain sentences', () => {
    const paper = style(
      'The incubation period of MERS-CoV was 5.2 days (95% CI 1.9–14.7) in 23 patients [12]. Viral RNA was detected in 7 of 9 samples (78%) [13, 14].',
    );
    const prose = style('The Normans conquered England. Their leader was William. He was crowned at Westminster.');
    expect(paper.passageSentenceWords).toBeGreaterThan(prose.passageSentenceWords!);
    expect(paper.passageDigitShare).toBeGreaterThan(0.2);
    expect(prose.passageDigitShare).toBe(0);
    expect(paper.passageBracketShare).toBeGreaterThan(0.1);
    expect(prose.passageBracketShare).toBe(0);
  });

  it('counts a text without a full stop as one sentence, and an empty one as nothing', () => {
    expect(style('a heading without a stop').passageSentenceWords).toBe(5);
    expect(passageStyleRow(passage(''))).toEqual([0, 0, 0]);
  });

  it('measures each passage once', () => {
    const p = passage('One sentence here.');
    expect(passageStyleRow(p)).toBe(passageStyleRow(p));
  });
});
