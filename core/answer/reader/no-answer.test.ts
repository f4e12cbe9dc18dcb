import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../types.js';
import { questionTerms, rankEvidence } from '../evidence.js';
import { answerType } from '../question-type.js';
import { EVIDENCE_FEATURES, evidenceRow, NO_ANSWER_FEATURES, noAnswerRow } from './no-answer.js';
import { questionContext } from './question.js';

const text = 'The Normans conquered England in 1066. Their leader was William, Duke of Normandy.';
const chunk: Chunk = { id: 0, source: 'a.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: text.length, text };

function rowFor(question: string, ruleAbstains = false, namesUnsaid = false): Record<string, number> {
  const q = questionTerms(question, () => 1);
  const evidence = rankEvidence(q, [{ chunk, score: 1, likelihood: 0.8 }]);
  const row = evidenceRow(
    questionContext(question, q, answerType(question), evidence[0]!.score),
    evidence,
    2,
    10,
    ruleAbstains,
    namesUnsaid,
  );
  return Object.fromEntries(EVIDENCE_FEATURES.map((name, i) => [name, row[i]!]));
}

describe('the no-answer features', () => {
  it('say how much of the question no passage says', () => {
    expect(rowFor('When did the Normans conquer England?').unseen).toBe(0);
    const asked = rowFor('When did the Vikings conquer Ireland?');
    expect(asked.unseen).toBeGreaterThan(0.3);
    expect(asked.rarestUnseen).toBe(1);
  });

  it('notice a negation the text does not share', () => {
    expect(rowFor('Who did not conquer England?').negationUnsaid).toBe(1);
    expect(rowFor('Who conquered England?').negationUnsaid).toBe(0);
  });

  it("carry the passage ranker's likelihood, and the rules' abstention", () => {
    expect(rowFor('Who conquered England?').likelihood).toBe(0.8);
    expect(rowFor('Who conquered England?', true).ruleAbstains).toBe(1);
  });

  it('carry whether any passage names everything the question names', () => {
    expect(rowFor('Who conquered England?').namesUnsaid).toBe(0);
    expect(rowFor('Who conquered England?', false, true).namesUnsaid).toBe(1);
  });

  it("end with the top scores, their margin, the best candidate's row and the best phrase's", () => {
    const row = noAnswerRow(
      [1, 2],
      { score: 3, row: [7, 8, 9] },
      { score: 1, row: [0, 0, 0] },
      { score: 1, row: [4, 5, 6] },
    );
    expect(row).toEqual([1, 2, 3, 1, 2, 7, 8, 9, 1, 2, 4, 5, 6]);
    expect(noAnswerRow([], { score: 3, row: [] }, undefined, undefined)[1]).toBeNaN();
    const noPhrase = noAnswerRow([], { score: 3, row: [7, 8] }, undefined, undefined);
    expect(noPhrase).toHaveLength(9);
    expect(noPhrase.slice(5).every(Number.isNaN)).toBe(true);
    expect(NO_ANSWER_FEATURES.slice(EVIDENCE_FEATURES.length, EVIDENCE_FEATURES.length + 3)).toEqual([
      'top',
      'second',
      'margin',
    ]);
  });
});
