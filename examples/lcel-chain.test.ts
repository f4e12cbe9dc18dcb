import { FakeListChatModel } from '@langchain/core/utils/testing';
import { collect, openIndex, type AnswerEvent, type DocqaIndex } from 'docqa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryIndex, Recorder } from '../test/library-index.js';
import { answerChain } from './lcel-chain.js';

let fixture: Awaited<ReturnType<typeof libraryIndex>>;
let index: DocqaIndex;

beforeAll(async () => {
  fixture = await libraryIndex();
  // env: {} so the machine's variables (ANSWER_MODE, EMBEDDINGS_*) do not change what is tested.
  index = await openIndex(fixture.indexDir, { env: {}, k: 2 });
});
afterAll(() => fixture.cleanup());

describe("the library entry's LangChain retriever", () => {
  it('returns Documents carrying file, line range and heading', async () => {
    const docs = await index.retriever.invoke('Who chaired the committee?');
    expect(docs).toHaveLength(2);
    expect(docs[0]!.pageContent).toContain('Maria Okonkwo');
    expect(docs[0]!.metadata).toMatchObject({
      source: 'guide.md',
      file: 'guide.md',
      startLine: 3,
      endLine: 6,
      loc: { lines: { from: 3, to: 6 } },
      heading: 'Committee > Meetings',
    });
  });

  it('runs in an LCEL RunnableSequence with a chat model, which sees the retrieved passages', async () => {
    const recorder = new Recorder();
    const model = new FakeListChatModel({ responses: ['Maria Okonkwo chaired it [1].'] });
    const chain = answerChain(index.retriever, model);
    await expect(chain.invoke('Who chaired the committee?', { callbacks: [recorder] })).resolves.toBe(
      'Maria Okonkwo chaired it [1].',
    );
    expect(recorder.chatPrompts).toHaveLength(1);
    expect(recorder.chatPrompts[0]).toMatch(
      /\[1\] \(guide\.md:3-6, Committee > Meetings\)\n## Meetings\n\nThe committee met in Geneva/,
    );
    expect(recorder.chatPrompts[0]).toContain('Who chaired the committee?');
    // The chain's callbacks reached the retriever too (tracing sees the whole chain).
    expect(recorder.retrieverStarts).toEqual(['Who chaired the committee?']);
    expect(recorder.retrieverEnds).toEqual([2]);
  });
});

describe("the library entry's ask", () => {
  it('streams what the server streams: passages, then the answer, ending in done', async () => {
    const events: AnswerEvent[] = [];
    for await (const event of index.ask('Who chaired the committee?')) events.push(event);
    expect(events[0]).toMatchObject({
      type: 'passages',
      passages: [{ source: 'guide.md', startLine: 3, section: 'Committee > Meetings' }, {}],
    });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect((events.at(-1) as { answer: string }).answer).toContain('Maria Okonkwo');
  });

  it('takes the settings the server takes: READER=rules answers with the hand-weighted rules', async () => {
    const rules = await openIndex(fixture.indexDir, { env: { READER: 'rules' }, k: 2 });
    const answer = await collect(rules.ask('Who chaired the committee?'));
    expect(answer.answer).toContain('Maria Okonkwo');
  });

  it('answers with a given chat model, reporting its retrieval and model call to the callbacks passed to ask', async () => {
    const model = new FakeListChatModel({ responses: ['The committee was chaired by Maria Okonkwo [1].'] });
    const withModel = await openIndex(fixture.indexDir, { env: {}, k: 2, model });
    const recorder = new Recorder();
    const answer = await collect(withModel.ask('Who chaired the committee?', { callbacks: [recorder] }));
    expect(answer).toMatchObject({
      answer: 'The committee was chaired by Maria Okonkwo [1].',
      abstained: false,
      citations: [{ source: 'guide.md' }],
    });
    expect(recorder.retrieverStarts).toEqual(['Who chaired the committee?']);
    expect(recorder.retrieverEnds).toEqual([2]);
    expect(recorder.chatPrompts).toHaveLength(1);
    expect(recorder.chatPrompts[0]).toContain('Maria Okonkwo');
  });
});
