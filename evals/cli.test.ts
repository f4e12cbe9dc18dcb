import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../test/run-script.js';

/** `npm run eval` as a user runs it. */
const evalCli = (...args: string[]) => runScript('evals/cli.ts', args);

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
