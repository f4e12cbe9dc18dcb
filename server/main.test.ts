import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/api-harness.js';
import { ROOT, runScript } from '../test/run-script.js';

/** `npm start` as a user runs it (without the client build): what it prints when it cannot start. */
const serverMain = async (env: Record<string, string>) => {
  const { code, stderr } = await runScript('server/main.ts', [], { LOG_LEVEL: 'silent', ...env });
  return { code, stderr };
};

describe('npm start', () => {
  it('says in one line that the port is in use, instead of a stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const index = await tempDir('main-index-');
    try {
      const result = await serverMain({ PORT: String(port), HOST: '127.0.0.1', INDEX_DIR: index.dir });
      expect(result).toEqual({
        code: 1,
        stderr: `Failed to start: 127.0.0.1:${port} is already in use (another server is running there); stop it or set PORT to a free port.\n`,
      });
    } finally {
      busy.close();
      await index.cleanup();
    }
  });

  it('names a missing DOCS_DIR, or a file given as it, in one line', async () => {
    const index = await tempDir('main-index-');
    try {
      const missing = await serverMain({
        PORT: '0',
        HOST: '127.0.0.1',
        DOCS_DIR: '/nonexistent/docs',
        INDEX_DIR: index.dir,
      });
      expect(missing).toEqual({ code: 1, stderr: 'Failed to start: no such folder: /nonexistent/docs\n' });
      const file = await serverMain({
        PORT: '0',
        HOST: '127.0.0.1',
        DOCS_DIR: path.join(ROOT, 'package.json'),
        INDEX_DIR: index.dir,
      });
      expect(file).toEqual({ code: 1, stderr: `Failed to start: not a folder: ${path.join(ROOT, 'package.json')}\n` });
    } finally {
      await index.cleanup();
    }
  });
});
