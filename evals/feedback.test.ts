import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversationStore } from '../core/conversations/open.js';
import { runScript } from '../test/run-script.js';
import { parseEvalArgs } from './options.js';

/** `npm run eval -- --from-feedback` as a user runs it, over feedback stored in a DATA_DIR of its own. */
describe('eval --from-feedback', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'eval-feedback-'));
    await mkdir(path.join(dir, 'docs'));
    await writeFile(path.join(dir, 'docs', 'ferry.txt'), 'The harbour ferry leaves at 9 am from Pier 4.\n');
    const store = await openConversationStore({ dataDir: path.join(dir, 'data') });
    const turn = (id: string, question: string, answer: string) =>
      store.addTurn({
        id,
        conversationId: 'c1',
        question,
        answer,
        abstained: false,
        citations: [{ source: 'ferry.txt', startLine: 1, endLine: 1, score: 1, quote: '…' }],
        passages: [],
        answerMode: 'extractive',
        timings: {},
      });
    await turn('t1', 'When does the harbour ferry leave?', 'Pier 4');
    await turn('t2', 'Who owns the ferry company?', 'the harbour');
    await turn('t3', 'Where does the ferry leave from?', 'Pier 4');
    await store.setFeedback({ turnId: 't1', rating: 'down', correction: '9 am' });
    await store.setFeedback({ turnId: 't2', rating: 'down', correction: 'Not in the documents' });
    await store.setFeedback({ turnId: 't3', rating: 'down' });
    await store.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const evalFeedback = (...args: string[]) =>
    runScript('evals/cli.ts', ['--from-feedback', '--docs', path.join(dir, 'docs'), ...args], {
      DATA_DIR: path.join(dir, 'data'),
    });

  it('scores the current build on the corrections and the unanswerable questions', async () => {
    const out = path.join(dir, 'out');
    const result = await evalFeedback('--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 items; 1 thumbs-down without a correction left out');
    expect(result.stdout).toContain('2 items (1 answerable, 1 unanswerable)');
    const set = await readFile(path.join(out, 'feedback-set.jsonl'), 'utf8');
    expect(
      set
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['feedback-t1', 'feedback-t2']);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
      items: { id: string; answer: string; answerable: boolean; exactMatch: number }[];
    };
    // Item by item: the build now gets the corrected question right; the other is scored as unanswerable.
    expect(report.items.find((i) => i.id === 'feedback-t1')).toMatchObject({ answer: '9 am', exactMatch: 1 });
    expect(report.items.find((i) => i.id === 'feedback-t2')?.answerable).toBe(false);
  });

  it('says so when there is no feedback since the date given', async () => {
    const out = path.join(dir, 'later');
    const result = await evalFeedback('--since', '2999-01-01', '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no feedback to score yet');
    expect(existsSync(path.join(out, 'report.json'))).toBe(false);
  });

  it('takes --since only with --from-feedback, and no set file beside it', () => {
    expect(parseEvalArgs(['--from-feedback', '--since', '2026-12-01'])).toMatchObject({
      fromFeedback: true,
      since: '2026-12-01',
    });
    expect(() => parseEvalArgs(['--since', '2026-12-01'])).toThrow(/needs --from-feedback/);
    expect(() => parseEvalArgs(['--from-feedback', '--since', 'soon'])).toThrow(/give a date/);
    expect(() => parseEvalArgs(['--from-feedback', 'set.jsonl'])).toThrow(/give no set file/);
  });
});
