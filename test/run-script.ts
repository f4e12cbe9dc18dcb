import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '..');

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A TypeScript entry point run as a user runs it (`npm run …` without npm's noise): its compiled
 * JavaScript in dist/, which test/global-setup.ts brought up to date with the sources before the
 * tests started. Its exit code and what it printed. For tests of what a CLI says when it cannot do its job.
 */
export async function runScript(
  entry: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ScriptResult> {
  const compiled = path.join(ROOT, 'dist', entry.replace(/\.tsx?$/, '.js'));
  try {
    const { stdout, stderr } = await run(process.execPath, ['--enable-source-maps', compiled, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as ScriptResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
