import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../types.js';
import { questionTerms, rankEvidence } from '../evidence.js';
import { answerType } from '../question-type.js';
import { SPAN_FEATURES } from './features.js';
import { questionContext, questionWord } from './question.js';
import { NO_ANSWER_FEATURES } from './no-answer.js';
import { readerInput } from './reader.js';

const text = 'The Normans conquered England in 1066. Their leader was William, Duke of Normandy.';
const chunk: Chunk = { id: 0, source: 'a.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: text.length, text };

function inputFor(question: string) {
  const q = questionTerms(question, () => 1);
  const evidence = rankEvidence(q, [{ chunk, score: 1 }]);
  return readerInput(
    questionContext(question, q, answerType(question), evidence[0]!.score),
    evidence.slice(0, 2),
    evidence,
  );
}

const feature = (row: number[], name: string) => row[SPAN_FEATURES.indexOf(name)];

describe('questionWord', () => {
  it('finds the question word wherever it stands', () => {
    expect(questionWord('When did the Normans arrive?')).toBe('when');
    expect(questionWord('In what year did they arrive?')).toBe('what');
    expect(questionWord('How many ships sailed?')).toBe('how many');
    expect(questionWord('The Normans came from?')).toBe('none');
  });
});

describe('readerInput', () => {
  it('offers every phrase and each sentence whole, each with one value per feature', () => {
    const input = inputFor('When did the Normans conquer England?');
    expect(input.candidates.some((c) => c.text === '1066')).toBe(true);
    expect(input.candidates.filter((c) => c.sentence)).toHaveLength(2);
    for (const row of input.rows) expect(row).toHaveLength(SPAN_FEATURES.length);
    // The evidence, the top two scores and their margin, the best candidate's row, the best phrase's score, gap and row.
    expect(input.evidence.length + 3 + SPAN_FEATURES.length + 2 + SPAN_FEATURES.length).toBe(NO_ANSWER_FEATURES.length);
  });

  it("says what stands before a phrase and how near the question's words are", () => {
    const input = inputFor('When did the Normans conquer England?');
    const year = input.rows[input.candidates.findIndex((c) => c.text === '1066')]!;
    expect(feature(year, 'prevPreposition')).toBeGreaterThan(0);
    expect(feature(year, 'nearestLeft')).toBe(2);
    expect(feature(year, 'span:date')).toBe(1);
    expect(feature(year, 'wh:when')).toBe(1);
    expect(feature(year, 'q:date')).toBe(1);
  });

  it('marks a phrase that repeats the question as an echo', () => {
    const input = inputFor('Who conquered England?');
    const england = input.rows[input.candidates.findIndex((c) => c.text === 'England')];
    if (england) expect(feature(england, 'echo')).toBe(1);
  });
});

describe('where a phrase stands', () => {
  it('sees on which side of it the question\'s words stand ("The Normans conquered England" before "1066")', () => {
    const input = inputFor('When did the Normans conquer England?');
    const year = input.rows[input.candidates.findIndex((c) => c.text === '1066')]!;
    expect(feature(year, 'leftShare')).toBeGreaterThan(feature(year, 'rightShare')!);
  });

  it("counts the question's words in the phrase's own clause only", () => {
    const input = inputFor('Who was the leader of the Normans?');
    const duke = input.rows[input.candidates.findIndex((c) => c.text.startsWith('Duke'))];
    const william = input.rows[input.candidates.findIndex((c) => c.text === 'William')];
    expect(duke && william).toBeTruthy();
    expect(feature(william!, 'clauseAsked')).toBeGreaterThan(feature(duke!, 'clauseAsked')!);
  });

  it('tells a question asking for a subject from one asking for an object', () => {
    const subject = inputFor('Who conquered England?').rows[0]!;
    const object = inputFor('What did the Normans conquer?').rows[0]!;
    expect(feature(subject, 'asksSubject')).toBe(1);
    expect(feature(object, 'asksSubject')).toBe(0);
  });
});
