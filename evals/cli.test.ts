import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** `npm run eval` as a user runs it. */
async function evalCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'evals/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, CI: '1' } });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('eval CLI', () => {
  it('refuses a --compare file that is not a report in one line, before running anything', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'eval-cli-'));
    try {
      const notReport = path.join(ROOT, 'package.json');
      const result = await evalCli('--compare', notReport, '--out', out);
      expect(result).toEqual({ code: 1, stdout: '', stderr: `eval failed: --compare ${notReport}: not a report.json from an earlier eval run\n` });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
