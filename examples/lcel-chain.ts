/**
 * A LangChain app using docqa's index: an LCEL chain (RunnableSequence) that retrieves passages with
 * docqa's retriever, puts them in a prompt and asks any LangChain chat model.
 *
 *   npm run ingest                                   # builds .index/ from corpus/
 *   node --conditions=source --import tsx examples/lcel-chain.ts .index "Who chaired the committee?" ollama:llama3.1
 *
 * (`--conditions=source` makes `import … from 'docqa'` load the TypeScript sources; without it,
 * plain `node` loads the build in dist/, made by `npm run build`.) examples/lcel-chain.test.ts runs
 * the chain against a fake chat model.
 */
import { pathToFileURL } from 'node:url';
import type { Document } from '@langchain/core/documents';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnablePassthrough, RunnableSequence } from '@langchain/core/runnables';
import type { BaseRetriever } from '@langchain/core/retrievers';
import { chatModelFromName, openIndex } from 'docqa';

const prompt = ChatPromptTemplate.fromMessages([
  [
    'system',
    'Answer only from the numbered passages below, citing them like [1]. If they do not answer, say so.\n\n{context}',
  ],
  ['human', '{question}'],
]);

/** Numbered passages, each headed by where it is (file, lines, page, heading): the metadata docqa's retriever sets. */
export function formatDocuments(docs: Document[]): string {
  return docs
    .map((doc, i) => {
      const { file, startLine, endLine, page, heading } = doc.metadata as {
        file: string;
        startLine: number;
        endLine: number;
        page?: number;
        heading?: string;
      };
      const where = [`${file}:${startLine}-${endLine}`, page && `page ${page}`, heading].filter(Boolean).join(', ');
      return `[${i + 1}] (${where})\n${doc.pageContent}`;
    })
    .join('\n\n');
}

/** question → retrieve → prompt → model → text. */
export function answerChain(retriever: BaseRetriever, model: BaseChatModel) {
  return RunnableSequence.from([
    { context: retriever.pipe(formatDocuments), question: new RunnablePassthrough<string>() },
    prompt,
    model,
    new StringOutputParser(),
  ]);
}

async function main(): Promise<void> {
  const [indexDir = '.index', question = 'What is this corpus about?', modelName = 'ollama:llama3.1'] =
    process.argv.slice(2);
  const index = await openIndex(indexDir);
  const chain = answerChain(index.retriever, chatModelFromName(modelName, { baseUrl: process.env.LLM_BASE_URL }));
  for await (const token of await chain.stream(question)) process.stdout.write(token);
  process.stdout.write('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
