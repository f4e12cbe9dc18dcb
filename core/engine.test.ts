import { describe, expect, it } from 'vitest';
import type { Answerer } from './answer/answerer.js';
import { collect, Engine } from './engine.js';
import type { AnswerEvent } from './protocol.js';
import type { Retriever } from './retrieve/retriever.js';

const chunk = { id: 0, source: 'a.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: 5, text: 'Hello' };
const retriever: Retriever = { retrieve: async () => [{ chunk, score: 1 }] };

async function events(engine: Engine, signal?: AbortSignal): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const e of engine.ask({ question: 'q' }, signal)) out.push(e);
  return out;
}

describe('Engine', () => {
  it('emits passages, then the answerer events, and collects the answer', async () => {
    const answerer: Answerer = {
      async *answer() {
        yield { type: 'delta', text: 'Hi' };
        yield { type: 'done', answer: 'Hi', abstained: false, citations: [], unsupported: ['x'] };
      },
    };
    const engine = new Engine(retriever, answerer);
    expect((await events(engine)).map((e) => e.type)).toEqual(['passages', 'delta', 'done']);
    expect(await collect(engine.ask({ question: 'q' }))).toMatchObject({
      answer: 'Hi',
      unsupported: ['x'],
      passages: [{ source: 'a.txt' }],
    });
  });

  it('ends with one cancelled error when an answerer stops quietly on cancel', async () => {
    const controller = new AbortController();
    const answerer: Answerer = {
      async *answer({ signal }) {
        yield { type: 'delta', text: 'Hi' };
        controller.abort();
        if (signal?.aborted) return;
      },
    };
    const out = await events(new Engine(retriever, answerer), controller.signal);
    expect(out.map((e) => e.type)).toEqual(['passages', 'delta', 'error']);
    expect(out.at(-1)).toMatchObject({ code: 'cancelled' });
  });

  it('reports an answerer that ends without an answer instead of ending silently', async () => {
    const answerer: Answerer = { async *answer() {} };
    expect((await events(new Engine(retriever, answerer))).at(-1)).toMatchObject({
      type: 'error',
      code: 'internal_error',
    });
  });
});
