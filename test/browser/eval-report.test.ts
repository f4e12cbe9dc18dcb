/**
 * The evaluation report as a person opens it: a real eval of the default corpus set, its
 * report.html loaded from disk in Debian's Chromium.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFromIndex } from '../../core/assemble.js';
import { IndexStore } from '../../core/index/store.js';
import { localHashProvider } from '../../core/providers/local-hash.js';
import { Bm25OnlyBaseline, LangChainBaseline } from '../../evals/baseline.js';
import { evaluate } from '../../evals/evaluate.js';
import { buildReport } from '../../evals/report.js';
import { reportHtml } from '../../evals/report-html.js';
import { readEvalSet } from '../../evals/set.js';
import { engineTarget } from '../../evals/target.js';
import { ingest } from '../../ingest/ingest.js';
import { CORPUS, launchBrowser, RESULTS, ROOT, watchConsole } from './harness.js';

let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'docqa-report-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('report.html', () => {
  it('opens in Chromium with the headline, the recall chart, the tag table and the failed items', async () => {
    const provider = localHashProvider();
    await ingest({ docsDir: CORPUS, indexDir: path.join(dir, 'index'), provider });
    const index = await new IndexStore(path.join(dir, 'index')).load(provider);
    // An unanswerable question with a planted gold answer fails on purpose, so the failed list is not empty.
    const items = [
      ...(await readEvalSet(path.join(ROOT, 'evals/sets/corpus.jsonl'))),
      { id: 'x', question: 'Who won the 2022 FIFA World Cup?', answers: ['Argentina'], sources: [], tags: ['planted'] },
    ];
    const results = await evaluate(items, engineTarget(engineFromIndex(index)), {
      k: 10,
      baseline: new LangChainBaseline(index.chunks, 10),
      bm25: new Bm25OnlyBaseline(index.lexical, index.chunks, 10),
    });
    const file = path.join(dir, 'report.html');
    await writeFile(file, reportHtml(buildReport('corpus.jsonl', 'in process', 10, results)));

    const page = await browser.newPage();
    const errors = watchConsole(page);
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator('h1').innerText()).toBe('Evaluation report');
    expect(await page.locator('.card').count()).toBeGreaterThanOrEqual(6);
    // Three series (project, BM25 alone, LangChain) at k = 1, 5, 10.
    expect(await page.locator('svg polyline').count()).toBe(3);
    expect(await page.locator('svg circle').count()).toBe(9);
    const box = await page.locator('svg').boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(await page.locator('table tr', { hasText: 'planted' }).count()).toBe(1);
    const planted = page.locator('details', { hasText: 'FIFA' });
    await planted.locator('summary').click();
    await expect.poll(() => planted.locator('li').first().isVisible()).toBe(true);
    expect(await planted.innerText()).toContain('Argentina');
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'eval-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
