import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { ExtractiveAnswerer } from './extractive.js';
import { askedNextOne, saysNextOne } from './next-one.js';

// These pin the hand-written rules' verdict (ExtractiveAnswerer.rulesVerdict), which the learned reader
// weighs as a feature and READER=rules answers with; the learned reader is tested in reader/reader.test.ts.
describe('askedNextOne', () => {
  it('finds the qualifier and the head noun it governs', async () => {
    expect(askedNextOne("When is the next residents' association meeting?")).toEqual({
      qualifier: 'next',
      noun: 'meet',
    });
    expect(askedNextOne('When is the upcoming boiler service due?')).toEqual({ qualifier: 'next', noun: 'servic' });
    expect(askedNextOne('What was agreed at the previous meeting?')).toEqual({ qualifier: 'previous', noun: 'meet' });
    expect(askedNextOne('When was the meeting?')).toBeUndefined();
  });

  it('hears the same qualifier before the same noun, not another', async () => {
    const asked = askedNextOne('When is the next meeting?')!;
    expect(saysNextOne('**Next meeting:** Wednesday 11 June 2025', asked)).toBe(true);
    expect(saysNextOne('## Date of next meeting', asked)).toBe(true);
    expect(saysNextOne('Previous meeting: 12 March 2025', asked)).toBe(false);
    expect(saysNextOne('The next step is to call the builders about the meeting room', asked)).toBe(false);
  });
});

describe('the next occasion of something', () => {
  // As the passage ranker ordered them: the minutes' opening (worded most like the question) far ahead, their last lines third.
  const opening = [
    "# Quayside Road Residents' Association",
    '',
    "The residents' association meeting of Wednesday 12 March 2025 was held in the community room.",
  ].join('\n');
  const closing = [
    '- The annual subscription stays at £5 per household.',
    '',
    '**Next meeting:** Wednesday 11 June 2025, 19:00, community room.',
  ].join('\n');
  const passage = (id: number, text: string, startLine: number): Passage => {
    const chunk: Chunk = {
      id,
      source: 'minutes.md',
      startLine,
      endLine: startLine + text.split('\n').length - 1,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    return { chunk, score: 1 / (1 + id), likelihood: [0.8, 0.15, 0.05][id]! };
  };
  const aside = 'Harbourside is getting quotes for charge points and will report back at the next meeting.';
  const passages = [passage(0, opening, 1), passage(1, aside, 57), passage(2, closing, 69)];
  // "next" is a common word, the association's name a rare one.
  const answerer = new ExtractiveAnswerer((term) => (term === 'next' ? 0.5 : 2), undefined, null);

  it("answers with the next meeting's date, not the date of the meeting the minutes record", async () => {
    const next = await answerer.extract("When is the next residents' association meeting?", passages);
    expect(next.answer).toMatch(/^Wednesday 11 June 2025/);
    expect(next.citations[0]).toMatchObject({ source: 'minutes.md', startLine: 71 });
  });
});
