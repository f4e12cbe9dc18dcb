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
 * A test peer speaking the OpenAI wire format: POST /v1/chat/completions (JSON, or `text/event-stream`
 * chunks ending `data: [DONE]`) and POST /v1/embeddings. Replies follow `script`.
 */
export async function startFakeOpenAi(script: Script): Promise<FakeModelServer> {
  const fake: FakeModelServer = { url: '', chats: [], embedded: [], script, close: async () => {} };
  const { port, close } = await listen(async (req, res) => {
    const body = await readJson(req);
    if (req.method === 'POST' && req.url === '/v1/embeddings') return embeddings(fake, body, res);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
    const request: ChatRequest = {
      model: String(body.model),
      stream: body.stream === true,
      messages: (body.messages as { role: string; content: unknown }[]).map((m) => ({
        role: m.role,
        content: contentText(m.content),
      })),
    };
    fake.chats.push({ ...request, abandoned: abandonment(res) });
    await chat(fake.script(request), request, res);
  });
  fake.url = `http://127.0.0.1:${port}/v1`;
  fake.close = close;
  return fake;
}

function embeddings(fake: FakeModelServer, body: Record<string, unknown>, res: ServerResponse): void {
  const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  fake.embedded.push(input);
  const encode = (v: number[]) =>
    body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
  const data = input.map((text, index) => ({ object: 'embedding', index, embedding: encode(fakeVector(text)) }));
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
}

async function chat(reply: ReturnType<Script>, request: ChatRequest, res: ServerResponse): Promise<void> {
  if ('status' in reply) {
    res
      .writeHead(reply.status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { message: reply.message, type: 'server_error', code: null } }));
    return;
  }
  if (!('tokens' in reply)) return; // stall: never answer
  const base = { id: 'chatcmpl-fake', created: 1, model: request.model };
  if (!request.stream) {
    let content = '';
    if (!(await play(reply, (t) => (content += t)))) return;
    const message = { role: 'assistant', content };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (delta: object, finish: string | null) =>
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`,
    );
  send({ role: 'assistant', content: '' }, null);
  if (!(await play(reply, (t) => send({ content: t }, null)))) return;
  send({}, 'stop');
  res.end('data: [DONE]\n\n');
}
