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

describe('bench pieces', () => {
  it('prints each figure with its same-run baseline and their ratio', async () => {
    const { renderTable } = await import('./bench-table.js');
    const table = renderTable([
      { name: 'ingest', value: 4, unit: 'MB/s', baseline: { name: 'LangChain', value: 2 }, target: '≥ 10×' },
      { name: 'stall', value: 12, unit: 'ms' },
    ]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('| ingest | 4.00 MB/s | LangChain: 2.00 MB/s | 2.00× | ≥ 10×  |');
  });

  it('drives a server over keep-alive connections and counts its answers and failures', async () => {
    const http = await import('node:http');
    const { runLoad } = await import('./load.js');
    let n = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = n++ % 4 === 3 ? 500 : 200;
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const result = await runLoad({
        port,
        path: '/api/ask',
        bodies: ['{"question":"q"}'],
        connections: 2,
        seconds: 0.3,
      });
      expect(result.requests).toBeGreaterThan(3);
      expect(result.errors).toBeGreaterThan(0);
      expect(result.errors).toBeLessThan(result.requests);
    } finally {
      server.close();
    }
  });
});
