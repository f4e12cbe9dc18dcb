import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiEmbedder } from './openai.js';

/** An OpenAI-compatible /embeddings that takes `delayMs` per request, like a CPU model with a batch. */
let server: Server;
let baseUrl: string;
const delayMs = 400;

beforeAll(async () => {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const input = (JSON.parse(Buffer.concat(parts).toString()) as { input: string[] | string }).input;
      const data = (Array.isArray(input) ? input : [input]).map((_, index) => ({ object: 'embedding', index, embedding: [1, 0, 0] }));
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: 'm' })), delayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('openAiEmbedder', () => {
  it('does not time ingest batches (a CPU model may be slow); a question embedding is timed', async () => {
    const { embeddings } = await openAiEmbedder({ baseUrl, model: 'm', timeoutMs: 150 }).fit([]);
    await expect(embeddings.embedDocuments(['a', 'b'])).resolves.toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    await expect(embeddings.embedQuery('a')).rejects.toMatchObject({ code: 'upstream_timeout' });
  });
});
