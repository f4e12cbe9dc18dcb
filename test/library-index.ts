import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { BaseMessage } from '@langchain/core/messages';
import type { Serialized } from '@langchain/core/load/serializable';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from '../ingest/ingest.js';
import { tempDir } from './api-harness.js';

/** Two small documents, one Markdown with headings: enough to see file, lines and heading in retrieved Documents. */
export const LIBRARY_DOCS = {
  'guide.md':
    '# Committee\n\n## Meetings\n\nThe committee met in Geneva on Tuesday.\nIt was chaired by Maria Okonkwo, the treasurer.\n\n## Budget\n\nThe budget rose to 4 million francs in 2024.\n',
  'notes.txt': 'Lunch was served at noon.\nThe weather in Geneva was mild and sunny all week.\n',
};

/** An index of LIBRARY_DOCS (local embeddings) in a temporary folder, for the library entry's tests. */
export async function libraryIndex(): Promise<{ indexDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir('docqa-lib-');
  const docsDir = path.join(dir, 'docs');
  const indexDir = path.join(dir, 'index');
  await mkdir(docsDir);
  for (const [name, text] of Object.entries(LIBRARY_DOCS)) await writeFile(path.join(docsDir, name), text);
  await ingest({ docsDir, indexDir, provider: localHashProvider() });
  return { indexDir, cleanup };
}

/** Records what LangChain reports: retriever runs (query, documents) and the messages chat models were sent. */
export class Recorder extends BaseCallbackHandler {
  name = 'recorder';
  retrieverStarts: string[] = [];
  retrieverEnds: number[] = [];
  retrieverErrors: string[] = [];
  chatPrompts: string[] = [];
  chatEnds = 0;
  /** Every run started, with its parent: shows what is nested in what. */
  runs: { kind: string; name: string; id: string; parent?: string }[] = [];
  // The order @langchain/core's CallbackManager calls it with (parent before run type and name).
  override handleChainStart(
    chain: Serialized,
    _inputs: unknown,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    this.runs.push({ kind: 'chain', name: runName ?? chain.id.at(-1) ?? '', id: runId, parent: parentRunId });
  }

  override handleRetrieverStart(retriever: Serialized, query: string, runId: string, parentRunId?: string): void {
    this.retrieverStarts.push(query);
    this.runs.push({ kind: 'retriever', name: retriever.id.at(-1) ?? '', id: runId, parent: parentRunId });
  }
  override handleRetrieverEnd(documents: unknown[]): void {
    this.retrieverEnds.push(documents.length);
  }
  override handleRetrieverError(err: Error): void {
    this.retrieverErrors.push(err.message);
  }
  override handleLLMEnd(): void {
    this.chatEnds++;
  }
  override handleChatModelStart(llm: Serialized, messages: BaseMessage[][], runId: string, parentRunId?: string): void {
    this.runs.push({ kind: 'chat model', name: llm.id.at(-1) ?? '', id: runId, parent: parentRunId });
    this.chatPrompts.push(
      messages
        .flat()
        .map((m) => String(m.content))
        .join('\n'),
    );
  }
}
