import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `eval failed: --compare ${notReport}: not a report.json from an earlier eval run\n`,
      });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("builds the index of another --docs folder under --out, leaving INDEX_DIR (a server's index) alone", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eval-docs-'));
    try {
      await mkdir(path.join(dir, 'docs'));
      await writeFile(path.join(dir, 'docs', 'ferry.txt'), 'The harbour ferry leaves at 9 am from Pier 4.\n');
      const item = {
        id: 'd1',
        question: 'When does the harbour ferry leave?',
        answers: ['9 am'],
        sources: ['ferry.txt'],
      };
      await writeFile(path.join(dir, 'set.jsonl'), JSON.stringify(item));
      const out = path.join(dir, 'out');
      const serverIndex = path.join(dir, 'server-index');
      const result = await runScript(
        'evals/cli.ts',
        [path.join(dir, 'set.jsonl'), '--docs', path.join(dir, 'docs'), '--out', out],
        { INDEX_DIR: serverIndex },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('1 items (1 answerable, 0 unanswerable)');
      expect(existsSync(path.join(out, 'index', 'CURRENT'))).toBe(true);
      expect(existsSync(serverIndex)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a blind set blind: overall numbers only, no items or per-tag results in the reports', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eval-blind-'));
    try {
      await mkdir(path.join(dir, 'docs'));
      await writeFile(
        path.join(dir, 'docs', 'ferry.txt'),
        'The harbour ferry leaves at 9 am from Pier 4.\nTickets cost £3.\n',
      );
      const items = [
        {
          id: 'b1',
          question: 'When does the harbour ferry leave?',
          answers: ['9 am'],
          sources: ['ferry.txt'],
          tags: ['when'],
        },
        { id: 'b2', question: 'Who captains the harbour ferry?', answers: [], sources: [], tags: ['who'] },
      ];
      await writeFile(path.join(dir, 'set.jsonl'), items.map((i) => JSON.stringify(i)).join('\n'));
      await writeFile(path.join(dir, 'BLIND'), 'held out: report numbers only\n');
      const out = path.join(dir, 'out');
      const result = await evalCli(
        path.join(dir, 'set.jsonl'),
        '--docs',
        path.join(dir, 'docs'),
        '--index',
        path.join(dir, 'index'),
        '--out',
        out,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('blind set');
      expect(result.stdout).toContain('2 items (1 answerable, 1 unanswerable)');
      const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
      expect(report).toMatchObject({ blind: true, items: [], byTag: {}, overall: { items: 2 } });
      const html = await readFile(path.join(out, 'report.html'), 'utf8');
      expect(html).not.toContain('harbour ferry');
      expect(html).not.toContain('Failed items');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
