import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLogging } from './logging.js';

describe('requestLogging', () => {
  it('logs the whole path of a request answered by a mounted router, without the query string', async () => {
    const lines: { path?: string; msg?: string }[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => void (lines.push(JSON.parse(chunk.toString())), done()),
    });
    const app = express();
    app.use(requestLogging(pino(sink)));
    const router = express.Router();
    router.get('/models', (_req, res) => void res.json({}));
    app.use('/v1', router);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models?api_key=secret`)).text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    expect(lines.filter((l) => l.msg === 'request').map((l) => l.path)).toEqual(['/v1/models']);
  });
});
