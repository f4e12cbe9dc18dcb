import { describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../core/protocol.js';
import { AnswerCache, replay } from './answer-cache.js';

const done: AnswerEvent = { type: 'done', answer: 'Ada', abstained: false, citations: [] } as unknown as AnswerEvent;
const error: AnswerEvent = { type: 'error', code: 'cancelled', message: 'cancelled' };

async function drain(events: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('AnswerCache', () => {
  it('keeps an answer that ended with done, per question, k and history', async () => {
    const cache = new AnswerCache(10);
    const key = cache.key('gen-1', { question: 'Who?' })!;
    expect(cache.get(key)).toBeUndefined();
    expect(await drain(cache.record(key, 'gen-1', replay([done])))).toEqual([done]);
    expect(cache.get(cache.key('gen-1', { question: 'Who?' })!)).toEqual([done]);
    expect(cache.get(cache.key('gen-1', { question: 'Who?', k: 3 })!)).toBeUndefined();
    expect(cache.get(cache.key('gen-1', { question: 'Who?', history: [] })!)).toBeUndefined();
  });

  it('keeps no error, and nothing across index generations', async () => {
    const cache = new AnswerCache(10);
    const key = cache.key('gen-1', { question: 'Who?' })!;
    await drain(cache.record(key, 'gen-1', replay([error])));
    expect(cache.get(key)).toBeUndefined();
    await drain(cache.record(key, 'gen-1', replay([done])));
    expect(cache.get(cache.key('gen-2', { question: 'Who?' })!)).toBeUndefined();
    // An answer finished after the generation changed belongs to the old one: not kept.
    await drain(cache.record(key, 'gen-1', replay([done])));
    expect(cache.get(cache.key('gen-2', { question: 'Who?' })!)).toBeUndefined();
  });

  it('drops the least recently used answer when full, and caches nothing with capacity 0', async () => {
    const cache = new AnswerCache(2);
    for (const q of ['a', 'b']) await drain(cache.record(cache.key('g', { question: q })!, 'g', replay([done])));
    cache.get(cache.key('g', { question: 'a' })!);
    await drain(cache.record(cache.key('g', { question: 'c' })!, 'g', replay([done])));
    expect(cache.get(cache.key('g', { question: 'b' })!)).toBeUndefined();
    expect(cache.get(cache.key('g', { question: 'a' })!)).toEqual([done]);
    expect(new AnswerCache(0).key('g', { question: 'a' })).toBeUndefined();
  });
});

describe('AnswerCache, read by a consumer that stops at done', () => {
  it('keeps the answer all the same', async () => {
    const cache = new AnswerCache(10);
    const key = cache.key('g', { question: 'Who?' })!;
    for await (const event of cache.record(key, 'g', replay([done, done]))) if (event.type === 'done') break;
    expect(cache.get(key)).toEqual([done]);
  });
});
