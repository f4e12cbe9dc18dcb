import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import type { RetrievalQuery, Retriever } from '../retrieve/retriever.js';
import { RewritingRetriever } from './rewrite.js';
import { QuestionFailures } from './upstream.js';

const history = [{ question: 'Who met Akhund in Kabul?', answer: 'Ishaq Dar' }];

function setup(model: FakeListChatModel) {
  const seen: RetrievalQuery[] = [];
  const inner: Retriever = { retrieve: async (q) => (seen.push(q), []) };
  const retriever = new RewritingRetriever(inner, {
    model: () => model,
    timeoutMs: 1000,
    failures: new QuestionFailures(),
  });
  return { seen, retriever };
}

describe('RewritingRetriever', () => {
  it('retrieves with the standalone question alone when the model rewrites the follow-up', async () => {
    const { seen, retriever } = setup(
      new FakeListChatModel({ responses: ['When did Ishaq Dar meet Akhund in Kabul?'] }),
    );
    await retriever.retrieve({ question: 'and when was that?', history, k: 3 });
    expect(seen).toEqual([{ question: 'When did Ishaq Dar meet Akhund in Kabul?', history: undefined, k: 3 }]);
  });

  it('falls back to the follow-up with its history when the model gives nothing usable', async () => {
    const { seen, retriever } = setup(new FakeListChatModel({ responses: ['   '] }));
    await retriever.retrieve({ question: 'and when was that?', history, k: 3 });
    expect(seen).toEqual([{ question: 'and when was that?', history, k: 3 }]);
  });

  it("reads a reasoning model's rewrite after its think block, and falls back when the block is never closed", async () => {
    const thinking = setup(
      new FakeListChatModel({
        responses: ['<think>\n"that" is the meeting.\n</think>\n\nWhen did Ishaq Dar meet Akhund in Kabul?'],
      }),
    );
    await thinking.retriever.retrieve({ question: 'and when was that?', history, k: 3 });
    expect(thinking.seen).toEqual([{ question: 'When did Ishaq Dar meet Akhund in Kabul?', history: undefined, k: 3 }]);
    const cut = setup(new FakeListChatModel({ responses: ['<think>\nThe user means the meeting'] }));
    await cut.retriever.retrieve({ question: 'and when was that?', history, k: 3 });
    expect(cut.seen).toEqual([{ question: 'and when was that?', history, k: 3 }]);
  });

  it('leaves a first question alone', async () => {
    const { seen, retriever } = setup(new FakeListChatModel({ responses: ['unused'] }));
    await retriever.retrieve({ question: 'Who met Akhund?', k: 3 });
    expect(seen).toEqual([{ question: 'Who met Akhund?', k: 3 }]);
  });
});
