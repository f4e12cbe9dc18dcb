import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { collect, openIndex, type AnswerEvent, type DocqaIndex } from 'docqa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { tempDir } from '../test/api-harness.js';
import { answerChain } from './lcel-chain.js';

/** Records what LangChain reports: retriever runs (query, documents) and the messages chat models were sent. */
class Recorder extends BaseCallbackHandler {
  name = 'recorder';
  retrieverStarts: string[] = [];
  retrieverEnds: number[] = [];
  chatPrompts: string[] = [];
  override handleRetrieverStart(_retriever: unknown, query: string): void {
    this.retrieverStarts.push(query);
  }
  override handleRetrieverEnd(documents: unknown[]): void {
    this.retrieverEnds.push(documents.length);
  }
  override handleChatModelStart(_llm: unknown, messages: BaseMessage[][]): void {
    this.chatPrompts.push(
      messages
        .flat()
        .map((m) => String(m.content))
        .join('\n'),
    );
  }
}

const DOCS = {
  'guide.md':
    '# Committee\n\n## Meetings\n\nThe committee met in Geneva on Tuesday.\nIt was chaired by Maria Okonkwo, the treasurer.\n\n## Budget\n\nThe budget rose to 4 million francs in 2024.\n',
  'notes.txt': 'Lunch was served at noon.\nThe weather in Geneva was mild and sunny all week.\n',
};

let dirs: Awaited<ReturnType<typeof tempDir>>;
let index: DocqaIndex;

beforeAll(async () => {
  dirs = await tempDir('docqa-lcel-');
  const docsDir = path.join(dirs.dir, 'docs');
  const indexDir = path.join(dirs.dir, 'index');
  await import('node:fs/promises').then((fs) => fs.mkdir(docsDir));
  for (const [name, text] of Object.entries(DOCS)) await writeFile(path.join(docsDir, name), text);
  await ingest({ docsDir, indexDir, provider: localHashProvider() });
  // env: {} so the machine's variables (ANSWER_MODE, EMBEDDINGS_*) do not change what is tested.
  index = await openIndex(indexDir, { env: {}, k: 2 });
});
afterAll(() => dirs.cleanup());

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

  it('answers with a given chat model, reporting its retrieval and model call to the callbacks passed to ask', async () => {
    const model = new FakeListChatModel({ responses: ['The committee was chaired by Maria Okonkwo [1].'] });
    const withModel = await openIndex(path.join(dirs.dir, 'index'), { env: {}, k: 2, model });
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
