import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ollamaEmbedder } from './ollama.js';
import { openAiEmbedder } from './openai.js';

/** OpenAI /v1/embeddings and Ollama /api/embed taking `delayMs` per request, like a CPU model with a batch; `closed` counts requests the client gave up on. */
let server: Server;
let origin: string;
let closed = 0;
const delayMs = 400;

beforeAll(async () => {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    res.on('close', () => !res.writableEnded && closed++);
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const input = (JSON.parse(Buffer.concat(parts).toString()) as { input: string[] | string }).input;
      const vectors = (Array.isArray(input) ? input : [input]).map(() => [1, 0, 0]);
      const body =
        req.url === '/api/embed'
          ? { model: 'm', embeddings: vectors }
          : {
              object: 'list',
              data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
              model: 'm',
            };
      setTimeout(
        () =>
          res.writableEnded ||
          res.destroyed ||
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        delayMs,
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe.each([
  ['openai', () => openAiEmbedder({ baseUrl: `${origin}/v1`, model: 'm', timeoutMs: 150 })],
  ['ollama', () => ollamaEmbedder({ baseUrl: origin, model: 'm', timeoutMs: 150 })],
])('%s embedder', (_, embedder) => {
  it('does not time ingest batches (a CPU model may be slow); a question embedding is timed, and its request closed', async () => {
    const { embeddings } = await embedder().fit([]);
    await expect(embeddings.embedDocuments(['a', 'b'])).resolves.toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    const before = closed;
    await expect(embeddings.embedQuery('a')).rejects.toMatchObject({ code: 'upstream_timeout' });
    await expect.poll(() => closed, { timeout: 200 }).toBe(before + 1);
  });
});
