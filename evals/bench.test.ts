import { describe, expect, it } from 'vitest';
import { runScript } from '../test/run-script.js';

describe('npm run bench', () => {
  it('says in one line that the SQuAD file is missing, instead of a stack trace', async () => {
    const missing = '/nonexistent/squad.json';
    const { code, stderr } = await runScript('evals/bench.ts', [missing]);
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: `bench failed: cannot read ${missing} (ENOENT); pass a SQuAD JSON file: npm run bench -- <file.json>\n`,
    });
  });
});
