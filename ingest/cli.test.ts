import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../test/run-script.js';

/** `npm run ingest` as a user runs it: a wrong folder gets one line saying what is wrong, and exit code 1. */
const ingestCli = async (...args: string[]) => {
  const { code, stderr } = await runScript('ingest/cli.ts', args);
  return { code, stderr };
};

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
