/**
 * Issue 21 in the real browser: conversations kept by the server (the list back after a reload, a
 * conversation surviving a server restart), rename, search and delete, regenerate and edit, feedback
 * that reaches the export and `npm run eval -- --from-feedback`, suggested questions, and the phone layout.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConversationSchema, SuggestionsResponseSchema } from '../../core/conversations/schemas.js';
import { parseEvalSet } from '../../evals/set.js';
import { runScript } from '../run-script.js';
import { relay } from './frames.js';
import { ask, ensureClientBuilt, launchBrowser, RESULTS, startDocqa, watchConsole, type Docqa } from './harness.js';

const PRIME_MINISTER = "Who is the Taliban's Prime Minister?";
const SPOKESPERSON = 'Who is the spokesperson of the Taliban government?';
/** A server stopped for a moment: the page's socket and calls fail until it is back. */
const RESTART_NOISE = [/WebSocket connection to .* failed/, /Failed to load resource: net::ERR_CONNECTION_REFUSED/];

let docqa: Docqa;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [, docqa, browser] = await Promise.all([ensureClientBuilt(), startDocqa(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await docqa?.cleanup();
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await context?.close();
});

/** A fresh browser (nothing in its storage), on the page, connected. */
async function visit(viewport = { width: 1280, height: 800 }, allow: RegExp[] = []): Promise<void> {
  context = await browser.newContext({ viewport });
  page = await context.newPage();
  errors = watchConsole(page, allow);
  await page.goto(docqa.server.url);
  await connected();
}
const connected = () => page.locator('.status[data-state="open"]').waitFor({ timeout: 20_000 });
const answers = () => page.locator('article.bubble.assistant');
const done = (n = 0) => answers().nth(n).and(page.locator('.status-done'));
const sidebar = () => page.getByRole('navigation', { name: 'Conversations' });
const titles = () => sidebar().locator('.conversation-open').allInnerTexts();
const api = async (route: string) => fetch(docqa.server.url + route);

async function askAndWait(question: string, n = 0): Promise<void> {
  await ask(page, question);
  await done(n).waitFor();
}
async function newConversation(): Promise<void> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByText('Ask a question about the documents').waitFor();
}

describe('conversations kept by the server', () => {
  it('lists them after a reload in a fresh browser, and keeps them across a server restart', async () => {
    await visit();
    await askAndWait(PRIME_MINISTER);
    await expect.poll(titles).toContain(PRIME_MINISTER);
    expect(await sidebar().locator('[aria-current="true"]').innerText()).toBe(PRIME_MINISTER);
    await newConversation();
    await askAndWait(SPOKESPERSON);
    await expect.poll(async () => (await titles()).slice(0, 2)).toEqual([SPOKESPERSON, PRIME_MINISTER]);
    // The page reopens the conversation it showed, read back from the server.
    await page.reload();
    await done().waitFor();
    expect(await page.locator('.bubble.user').allInnerTexts()).toEqual([SPOKESPERSON]);
    await context.close();

    // Another browser, nothing stored in it: the list comes from the server; a click opens one whole.
    await visit();
    await expect.poll(titles).toEqual(expect.arrayContaining([SPOKESPERSON, PRIME_MINISTER]) as unknown);
    expect(await answers().count()).toBe(0);
    await sidebar().getByRole('button', { name: PRIME_MINISTER, exact: true }).first().click();
    await done().waitFor();
    expect((await answers().first().locator('.markdown').innerText()).trim()).toBe('Mullah Mohammad Hassan Akhund');
    expect(await answers().first().locator('.chip').count()).toBeGreaterThan(0);
    await context.close();

    // The server restarts on the same port (same DATA_DIR): the conversations are still there.
    const port = docqa.server.port;
    await docqa.server.close();
    docqa.server = await docqa.start(port);
    await visit(undefined, RESTART_NOISE);
    await expect.poll(titles).toEqual(expect.arrayContaining([SPOKESPERSON, PRIME_MINISTER]) as unknown);
    await sidebar().getByRole('button', { name: SPOKESPERSON, exact: true }).first().click();
    await done().waitFor();
    expect((await answers().first().locator('.markdown').innerText()).trim()).toBe('Zabihullah Mujahid');
    await page.screenshot({ path: path.join(RESULTS, 'conversations.png') });
  });

  it('renames, finds by title and deletes a conversation', async () => {
    await visit();
    await askAndWait('Who met Akhund in Kabul?');
    const item = sidebar().locator('.conversation.current');
    await item.waitFor();
    await item.getByRole('button', { name: /^Rename/ }).click();
    const input = sidebar().getByLabel('New title');
    await input.fill('Kabul meeting');
    await input.press('Enter');
    await expect.poll(() => item.locator('.conversation-open').innerText()).toBe('Kabul meeting');
    const listed = (await (await api('/api/conversations?q=kabul%20meeting')).json()) as {
      conversations: { id: string; title: string }[];
    };
    expect(listed.conversations.map((c) => c.title)).toEqual(['Kabul meeting']);

    const doomed = 'Who urged Pakistan to prioritize good relations?';
    await newConversation();
    await askAndWait(doomed);
    await page.getByLabel('Search conversations').fill('KABUL');
    await expect.poll(titles).toEqual(['Kabul meeting']);
    await page.getByLabel('Search conversations').fill('no such title anywhere');
    await sidebar().getByText('No conversation has that in its title.').waitFor();
    await page.getByLabel('Search conversations').fill('');
    await expect.poll(titles).toContain(doomed);

    // Deleting the open conversation asks first, then leaves an empty one.
    const current = sidebar().locator('.conversation.current');
    await current.getByRole('button', { name: /^Delete/ }).click();
    await current.getByRole('button', { name: 'Keep' }).click();
    await current.getByRole('button', { name: /^Delete/ }).click();
    await current.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('Ask a question about the documents').waitFor();
    await expect.poll(titles).not.toContain(doomed);
    expect(await titles()).toContain('Kabul meeting');
  });
});

describe('a conversation deleted elsewhere', () => {
  it('is not reopened by a reload: the page says so and starts afresh', async () => {
    await visit(undefined, [/Failed to load resource: the server responded with a status of 404/]);
    await askAndWait('Who deported Afghan migrants?');
    const id = await page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('docqa.conversation.v1') ?? '{}') as { conversationId?: string })
          .conversationId,
    );
    expect(id).toBeTruthy();
    expect((await fetch(`${docqa.server.url}/api/conversations/${id}`, { method: 'DELETE' })).status).toBe(200);
    await page.reload();
    await page.getByRole('alert').getByText(`No conversation ${id}.`).waitFor();
    expect(await answers().count()).toBe(0);
    await askAndWait(PRIME_MINISTER);
    expect(await page.locator('.bubble.user').allInnerTexts()).toEqual([PRIME_MINISTER]);
  });
});

describe('answers asked again', () => {
  it('regenerates the last answer in place, and asks an edited question instead of the old one', async () => {
    await visit();
    const frames = await relay(page);
    await page.reload();
    await connected();
    await askAndWait(PRIME_MINISTER);
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => frames.sent.filter((f) => f.type === 'ask').length).toBe(2);
    await done().waitFor();
    expect(await answers().count()).toBe(1);
    const [first, again] = frames.sent.filter((f) => f.type === 'ask');
    expect(again).toMatchObject({ question: PRIME_MINISTER, conversationId: expect.any(String) as unknown });
    expect(again?.replaceTurnId).toBeTruthy();
    expect(first).not.toHaveProperty('conversationId');

    await askAndWait('Which Pakistani foreign minister met Akhund in Kabul?', 1);
    await page.getByRole('button', { name: 'Edit question' }).first().click();
    const box = page.getByLabel('Edited question');
    await box.fill(SPOKESPERSON);
    await page.getByRole('button', { name: 'Ask again' }).click();
    await done().waitFor();
    // The edited question replaces the first turn and the one after it, here and on the server.
    expect(await page.locator('.bubble.user').allInnerTexts()).toEqual([SPOKESPERSON]);
    expect((await answers().first().locator('.markdown').innerText()).trim()).toBe('Zabihullah Mujahid');
    const conversationId = String(again?.conversationId);
    const stored = ConversationSchema.parse(await (await api(`/api/conversations/${conversationId}`)).json());
    expect(stored.turns.map((t) => t.question)).toEqual([SPOKESPERSON]);
  });
});

describe('feedback', () => {
  it('a thumbs-down with a correction reaches the export and npm run eval -- --from-feedback', async () => {
    await visit();
    await askAndWait(PRIME_MINISTER);
    const bubble = answers().first();
    await bubble.getByRole('button', { name: 'Bad answer' }).click();
    await bubble.getByLabel('The right answer (optional)').fill('Mohammad Hassan Akhund');
    await bubble.getByRole('button', { name: 'Send feedback' }).click();
    await bubble.getByText('Thanks: your feedback was saved.').waitFor();
    expect(await bubble.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe('true');

    await askAndWait(SPOKESPERSON, 1);
    await answers().nth(1).getByRole('button', { name: 'Good answer' }).click();
    await answers().nth(1).getByText('Thanks: your feedback was saved.').waitFor();
    await askAndWait('Who won the 2022 FIFA World Cup?', 2);
    await answers().nth(2).getByRole('button', { name: 'Bad answer' }).click();
    await answers().nth(2).getByRole('button', { name: 'Not in the documents' }).click();
    await answers().nth(2).getByText('Thanks: your feedback was saved.').waitFor();

    const items = parseEvalSet(await (await api('/api/feedback/export')).text());
    const byQuestion = new Map(items.map((i) => [i.question, i]));
    expect(byQuestion.get(PRIME_MINISTER)).toMatchObject({ answers: ['Mohammad Hassan Akhund'], sources: [] });
    expect(byQuestion.get(SPOKESPERSON)).toMatchObject({ answers: ['Zabihullah Mujahid'] });
    expect(byQuestion.get(SPOKESPERSON)?.sources).toHaveLength(1);
    expect(byQuestion.get('Who won the 2022 FIFA World Cup?')).toMatchObject({ answers: [], sources: [] });

    // The feedback is the server's: a reload shows it given.
    await page.reload();
    await done(2).waitFor();
    expect(await answers().first().getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await answers().nth(1).getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    // The eval scores the current build on it, reading the same store.
    const out = await mkdtemp(path.join(os.tmpdir(), 'docqa-feedback-eval-'));
    try {
      const result = await runScript('evals/cli.ts', ['--from-feedback', '--docs', docqa.docsDir, '--out', out], {
        DATA_DIR: docqa.dataDir,
      });
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
        items: { question: string; answers: string[]; answer: string }[];
      };
      const corrected = report.items.find((i) => i.question === PRIME_MINISTER);
      expect(corrected).toMatchObject({ answers: ['Mohammad Hassan Akhund'], answer: 'Mullah Mohammad Hassan Akhund' });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('an empty conversation', () => {
  it('offers three questions drawn from the documents; a click asks one', async () => {
    await visit();
    const suggestions = page.locator('.suggestion');
    await expect.poll(() => suggestions.count()).toBe(3);
    const { questions } = SuggestionsResponseSchema.parse(await (await api('/api/suggestions')).json());
    expect(await suggestions.allInnerTexts()).toEqual(questions);
    for (const q of questions) expect(q).toMatch(/Taliban|Pakistan|Afghan|Minister/);
    await suggestions.first().click();
    await done().waitFor();
    expect(await page.locator('.bubble.user').innerText()).toBe(questions[0]);
  });
});

describe('on a phone', () => {
  it('keeps the header to one row and folds the conversation list away until asked for', async () => {
    await visit({ width: 390, height: 844 });
    await askAndWait(PRIME_MINISTER);
    const header = page.locator('header.topbar');
    // Every item of the header on one line: their middles level, the header one button high.
    const middles = await header.locator(':scope > *').evaluateAll((els) =>
      els.map((el) => {
        const box = el.getBoundingClientRect();
        return box.top + box.height / 2;
      }),
    );
    const { height } = (await header.boundingBox())!;
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(4);
    expect(height).toBeLessThan(60);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await sidebar().count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'chat-phone.png') });

    await page.getByRole('button', { name: 'Conversations' }).click();
    const box = (await sidebar().boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(RESULTS, 'conversations-phone.png') });
    await sidebar().getByRole('button', { name: PRIME_MINISTER, exact: true }).first().click();
    await expect.poll(() => sidebar().count()).toBe(0);
    await done().waitFor();
    await page.getByRole('button', { name: 'Conversations' }).click();
    await page.getByRole('button', { name: 'Close conversations' }).click();
    await expect.poll(() => sidebar().count()).toBe(0);
  });
});
