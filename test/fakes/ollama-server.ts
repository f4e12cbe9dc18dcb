import type { ServerResponse } from 'node:http';
import {
  abandonment,
  contentText,
  fakeVector,
  listen,
  play,
  readJson,
  type ChatRequest,
  type FakeModelServer,
  type Script,
} from './script.js';

/**
 * A test peer speaking Ollama's API: POST /api/chat (newline-delimited JSON, one message chunk a
 * line, the last with `done: true`) and POST /api/embed. Replies follow `script`.
 */
export async function startFakeOllama(script: Script): Promise<FakeModelServer> {
  const fake: FakeModelServer = { url: '', chats: [], embedded: [], script, close: async () => {} };
  const { port, close } = await listen(async (req, res) => {
    const body = await readJson(req);
    if (req.method === 'POST' && req.url === '/api/embed') return embed(fake, body, res);
    // As Ollama's router answers any other path (a base URL ending in /v1, say).
    if (req.method !== 'POST' || req.url !== '/api/chat')
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    const request: ChatRequest = {
      model: String(body.model),
      stream: body.stream !== false,
      messages: (body.messages as { role: string; content: unknown }[]).map((m) => ({
        role: m.role,
        content: contentText(m.content),
      })),
    };
    fake.chats.push({ ...request, abandoned: abandonment(res) });
    await chat(fake.script(request), request, res);
  });
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = close;
  return fake;
}

function embed(fake: FakeModelServer, body: Record<string, unknown>, res: ServerResponse): void {
  const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  fake.embedded.push(input);
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ model: body.model, embeddings: input.map((t) => fakeVector(t)) }));
}

async function chat(reply: ReturnType<Script>, request: ChatRequest, res: ServerResponse): Promise<void> {
  if ('status' in reply) {
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: reply.message }));
    return;
  }
  if (!('tokens' in reply)) return;
  const line = (content: string, done: boolean) =>
    `${JSON.stringify({ model: request.model, created_at: new Date(0).toISOString(), message: { role: 'assistant', content }, done, ...(done && { done_reason: 'stop', eval_count: 1, prompt_eval_count: 1 }) })}\n`;
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  if (!(await play(reply, (t) => res.write(line(t, false))))) return;
  res.end(line('', true));
}
