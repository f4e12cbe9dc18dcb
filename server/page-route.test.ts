import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { buildClient } from '../client/build.js';
import { noRoute } from './app.js';
import { errorHandler } from './http-errors.js';
import { PAGE_ROUTES, pageRouter } from './page-route.js';

describe('the chat page route table', () => {
  it('lists every file the client build writes, and / for index.html', async () => {
    const outdir = await mkdtemp(path.join(os.tmpdir(), 'page-build-'));
    try {
      const { files } = await buildClient({ outdir });
      const written = ['index.html', ...files.map((f) => f.name)].map((name) => `/${name}`);
      expect(Object.keys(PAGE_ROUTES).sort()).toEqual(['/', ...written].sort());
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });

  it('answers a page file missing from an unbuilt page with 404, another method with 405', async () => {
    const app = express().use(
      pageRouter(path.join(os.tmpdir(), 'no-such-page-dir')),
      noRoute(PAGE_ROUTES),
      errorHandler,
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const method of ['GET', 'HEAD']) expect((await fetch(`${url}/main.js`, { method })).status).toBe(404);
      const post = await fetch(`${url}/`, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
