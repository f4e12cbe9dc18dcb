import { describe, expect, it } from 'vitest';
import { parseEvalSet } from '../../evals/set.js';
import { feedbackItem, feedbackSet, saysNotInDocuments, toJsonl } from './feedback-set.js';
import type { Feedback, TurnView } from './schemas.js';
import type { FeedbackRecord } from './store.js';

const turn = (extra: Partial<TurnView> = {}): TurnView => ({
  id: 't1',
  question: 'Who is the Prime Minister?',
  answer: 'Mullah Mohammad Hassan Akhund',
  abstained: false,
  citations: [{ source: 'news/a.txt', startLine: 3, endLine: 3, score: 2, quote: '…' }],
  passages: [],
  answerMode: 'extractive',
  timings: {},
  createdAt: '2026-12-07T00:00:00.000Z',
  ...extra,
});
const record = (feedback: Partial<Feedback>, t: Partial<TurnView> = {}): FeedbackRecord => ({
  feedback: { turnId: 't1', rating: 'up', createdAt: '2026-12-07T00:00:00.000Z', ...feedback },
  turn: turn(t),
  conversationId: 'c1',
});

describe('feedback as an evaluation set', () => {
  it('keeps a thumbs-up answer as accepted, with its first citation’s file as the gold source', () => {
    expect(feedbackItem(record({ rating: 'up' }))).toEqual({
      id: 'feedback-t1',
      question: 'Who is the Prime Minister?',
      answers: ['Mullah Mohammad Hassan Akhund'],
      sources: ['news/a.txt'],
      tags: ['feedback', 'up'],
    });
    expect(feedbackItem(record({ rating: 'up' }, { abstained: true, citations: [] }))).toMatchObject({
      answers: [],
      sources: [],
    });
  });

  it('takes a thumbs-down’s correction as the answer, or makes it unanswerable when it says so', () => {
    expect(feedbackItem(record({ rating: 'down', correction: 'Akhund' }))).toMatchObject({
      answers: ['Akhund'],
      sources: [],
      tags: ['feedback', 'down'],
    });
    for (const correction of ['Not in the documents', "The documents don't say.", "it isn't in the docs"])
      expect(feedbackItem(record({ rating: 'down', correction }))).toMatchObject({ answers: [], sources: [] });
    expect(feedbackItem(record({ rating: 'down', note: 'not in the documents' }))?.answers).toEqual([]);
    expect(feedbackItem(record({ rating: 'down', note: 'wrong' }))).toBeUndefined();
  });

  it('writes JSONL the eval reads as a set', () => {
    const { items, skipped } = feedbackSet([
      record({ rating: 'up' }),
      record({ rating: 'down' }, { id: 't2' }),
      record({ rating: 'down', correction: 'Not in the documents' }, { id: 't3' }),
    ]);
    expect(skipped).toBe(1);
    const set = parseEvalSet(toJsonl(items));
    expect(set.map((i) => [i.id, i.answers.length])).toEqual([
      ['feedback-t1', 1],
      ['feedback-t3', 0],
    ]);
  });

  it('hears "not in the documents" only when it is said', () => {
    expect(saysNotInDocuments('The answer is not in the documents.')).toBe(true);
    expect(saysNotInDocuments('It is 12 EUR, as in the documents.')).toBe(false);
    expect(saysNotInDocuments(undefined)).toBe(false);
  });
});
