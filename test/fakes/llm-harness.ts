import { embedderFromConfig } from '../../core/providers/from-config.js';
import { NOT_IN_DOCUMENTS } from '../../core/answer/answerer.js';
import type { AskResponse } from '../../core/protocol.js';
import { startServer, type RunningServer } from '../../server/start.js';
import { CORPUS, testConfig } from '../api-harness.js';
import { documentsContaining, type ChatRequest, type Reply } from './script.js';

export const SPOKESPERSON = '003_c449010215894527.txt';
export const TIMEOUT_MS = 800;

/** A grounded model: answers the spokesperson question citing whichever document names him, plus a marker naming no document. */
export function groundedScript(request: ChatRequest): Reply {
  const n = documentsContaining(request.messages, 'Zabihullah Mujahid')[0];
  if (n === undefined) return { tokens: [NOT_IN_DOCUMENTS] };
  return { tokens: ['Zabihullah', ' Mujahid', ' is', ' the', ' Taliban', ' spokesperson', ` [${n}]`, ' [42]', '.'] };
}

export const llmEnv = (fake: { url: string }, extra: Record<string, string> = {}) => ({
  ANSWER_MODE: 'llm',
  LLM_PROVIDER: 'openai',
  LLM_BASE_URL: fake.url,
  LLM_MODEL: 'fake-gpt',
  LLM_TIMEOUT_MS: String(TIMEOUT_MS),
  ...extra,
});

export async function serve(indexDir: string, env: Record<string, string>, docsDir = CORPUS): Promise<RunningServer> {
  const config = testConfig(indexDir, env, docsDir);
  return startServer(config, await embedderFromConfig(config));
}

export async function post(
  server: RunningServer,
  body: object,
): Promise<{ status: number; json: AskResponse & { error?: { code: string; message: string } }; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never, ms: performance.now() - started };
}
