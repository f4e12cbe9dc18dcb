import { describe, expect, it } from 'vitest';
import { changesText, itemChanges, type PastItem } from './item-changes.js';
import type { ItemResult } from './metrics.js';

const past = (
  id: string,
  question: string,
  answer: string,
  answerable: boolean,
  answerContainsGold: boolean,
): PastItem => ({
  id,
  question,
  answer,
  answerable,
  abstained: answer === '—',
  answerContainsGold,
});
const now = (p: PastItem): ItemResult =>
  ({
    ...p,
    tags: [],
    answers: [],
    citations: [],
    passages: [],
    hasGoldSource: true,
    goldRank: 1,
    exactMatch: 0,
    f1: 0,
    evidenceContainsGold: false,
    firstCitationInGold: false,
    anyCitationInGold: false,
  }) as unknown as ItemResult;

describe('itemChanges', () => {
  it('lists the items a run fixed and broke, by id and question, an abstention on an unanswerable item counting as right', () => {
    const before = [
      past('a', 'When?', 'June', true, false),
      past('b', 'Who?', 'Ada', true, true),
      past('c', 'Why not?', 'because', false, false),
      past('d', 'Same?', 'yes', true, true),
    ];
    const after = [
      now(past('a', 'When?', '4 June', true, true)),
      now(past('b', 'Who?', 'Bob', true, false)),
      now(past('c', 'Why not?', '—', false, false)),
      now(past('d', 'Same?', 'yes', true, true)),
      now(past('e', 'New?', 'x', true, true)),
    ];
    const changes = itemChanges(before, after);
    expect(changes.fixed.map((c) => c.question)).toEqual(['When?', 'Why not?']);
    expect(changes.broken).toEqual([{ question: 'Who?', before: 'Ada', after: 'Bob' }]);
    const text = changesText(changes, 1);
    expect(text).toContain('now right, wrong before (2):');
    expect(text).toContain('"June" → "4 June"');
    expect(text).toContain('… and 1 more');
    expect(text).toContain('now wrong, right before (1):');
  });
});
