import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** `npm run ingest` as a user runs it: a wrong folder gets one line saying what is wrong, and exit code 1. */
async function ingestCli(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'ingest/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, CI: '1' } });
    return { code: 0, stderr: '' };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('ingest CLI', () => {
  it('names a missing folder, or a file given as the folder, in one line', async () => {
    const index = await mkdtemp(path.join(os.tmpdir(), 'cli-index-'));
    try {
      const missing = await ingestCli('--docs', '/nonexistent/docs', '--index', index);
      expect(missing).toEqual({ code: 1, stderr: 'ingest failed: no such folder: /nonexistent/docs\n' });
      const file = await ingestCli('--docs', path.join(ROOT, 'package.json'), '--index', index);
      expect(file).toEqual({ code: 1, stderr: `ingest failed: not a folder: ${path.join(ROOT, 'package.json')}\n` });
    } finally {
      await rm(index, { recursive: true, force: true });
    }
  });
});
