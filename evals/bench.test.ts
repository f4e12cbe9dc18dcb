import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

describe('npm run bench', () => {
  it('says in one line that the SQuAD file is missing, instead of a stack trace', async () => {
    const missing = '/nonexistent/squad.json';
    const result = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'evals/bench.ts'), missing], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    expect(result).toEqual({ code: 1, stderr: `bench failed: cannot read ${missing} (ENOENT); pass a SQuAD JSON file: npm run bench -- <file.json>\n` });
  });
});
