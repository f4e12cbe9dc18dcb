import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/api-harness.js';
import { ROOT } from '../test/run-script.js';
import { workerCount } from './cluster.js';

describe('WORKERS', () => {
  it('counts auto as one process per core', () => {
    expect(workerCount({ WORKERS: 3 })).toBe(3);
    expect(workerCount({ WORKERS: 'auto' })).toBeGreaterThanOrEqual(1);
  });

  it('serves from two processes on one port, and stops them all on SIGTERM', async () => {
    const dir = await tempDir('cluster-');
    try {
      await cp(path.join(ROOT, 'corpus'), path.join(dir.dir, 'docs'), { recursive: true });
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
        env: {
          ...process.env,
          WORKERS: '2',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          DOCS_DIR: path.join(dir.dir, 'docs'),
          INDEX_DIR: path.join(dir.dir, 'index'),
          DATA_DIR: path.join(dir.dir, 'data'),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on http:\/\/localhost:(\d+) by 2 server processes/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ question: "Who is the Taliban's Prime Minister?" }),
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { answer: string }).answer).toContain('Akhund');
      }
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
    } finally {
      await dir.cleanup();
    }
  }, 60_000);
});
