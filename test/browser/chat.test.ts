/**
 * The chat page in a real browser (Debian's Chromium) against the real server over the default corpus.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { relay } from './frames.js';
import { ask, ensureClientBuilt, launchBrowser, RESULTS, startDocqa, watchConsole, type Docqa } from './harness.js';

const PRIME_MINISTER = "Who is the Taliban's Prime Minister?";
const ANSWER = 'Mullah Mohammad Hassan Akhund';

let docqa: Docqa;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [, docqa, browser] = await Promise.all([ensureClientBuilt(), startDocqa(), launchBrowser()]);
  await mkdir(RESULTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await docqa?.cleanup();
});

async function open(viewport = { width: 1280, height: 800 }): Promise<void> {
  context = await browser.newContext({ viewport });
  page = await context.newPage();
  errors = watchConsole(page);
}
async function load(): Promise<void> {
  await page.goto(docqa.server.url);
  await page.locator('.status[data-state="open"]').waitFor();
}
afterEach(async () => {
  expect(errors).toEqual([]);
  await context?.close();
});

const answers = () => page.locator('article.bubble.assistant');
const done = (n = 0) => page.locator('article.bubble.assistant').nth(n).and(page.locator('.status-done'));

describe('chat page', () => {
  it('streams the answer in as delta frames arrive, then shows its citations', async () => {
    await open();
    const frames = await relay(page);
    await load();
    frames.holdAfter((f) => f.type === 'delta');
    await ask(page, PRIME_MINISTER);

    // Only the first delta has reached the page: the bubble shows it, still streaming.
    await expect.poll(() => frames.held.length).toBeGreaterThan(0);
    const bubble = answers().first();
    await expect.poll(() => bubble.getAttribute('aria-busy')).toBe('true');
    await expect.poll(() => bubble.locator('.markdown').innerText()).toBe('Mullah');
    expect(await bubble.locator('.chip').count()).toBe(0);
    // The streaming cursor ends the text's last line (it was a line of its own below the text).
    const cursor = () =>
      bubble.locator('.markdown > :last-child').evaluate((el) => getComputedStyle(el, '::after').content);
    expect(await cursor()).not.toBe('none');

    frames.release();
    await done().waitFor();
    expect((await bubble.locator('.markdown').innerText()).trim()).toBe(ANSWER);
    expect(await bubble.getAttribute('aria-busy')).toBe('false');
    expect(await cursor()).toBe('none');
    const chips = bubble.locator('.chip');
    expect(await chips.count()).toBeGreaterThan(0);
    // The document's title, with its file name (cut in the middle) and the lines beside it.
    expect(await chips.first().innerText()).toMatch(
      /^1\s+Taliban Prime … Migrants\s+000_60de2d1…9a020e\.txt\s+line 3$/,
    );
    expect(await chips.first().getAttribute('title')).toContain(
      'Taliban Prime Minister Urges Pakistan To Halt Deportation Of Afghan Migrants\n000_60de2d17179a020e.txt, line 3',
    );
    // The short answer is shown in the sentence it was taken from, itself marked.
    expect(await bubble.locator('.answer-quote mark').innerText()).toBe(ANSWER);
    expect(await bubble.locator('.answer-quote').innerText()).toMatch(/Prime Minister/);
    expect(frames.sent[0]).toMatchObject({ type: 'ask', question: PRIME_MINISTER });
    // Screen readers hear the finished answer once.
    await expect.poll(() => page.locator('#announcer').innerText()).toBe(`Answer: ${ANSWER}`);
  });

  it('opens a citation in the source panel with the cited lines highlighted and in view', async () => {
    await open();
    await load();
    await ask(page, PRIME_MINISTER);
    await done().waitFor();
    await page.locator('.chip').first().click();

    const panel = page.getByRole('complementary');
    await panel.locator('.line.cited').first().waitFor();
    expect(await panel.getByRole('heading').innerText()).toBe('000_60de2d17179a020e.txt');
    const cited = panel.locator('.line.cited');
    expect(await cited.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))))).toEqual([3]);
    expect(await cited.locator('.quote').innerText()).toContain(ANSWER);
    expect(await panel.locator('.line').count()).toBeGreaterThan(10); // the whole file around it, not just the quote
    await expect.poll(() => visibleIn(panel.locator('.panel-body'), cited.first())).toBe(true);
    // Focus moved to the panel; Escape closes it and returns focus to the chip.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('chip'))).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'chat-answer.png') });
  });

  it('says plainly when the documents do not contain the answer', async () => {
    await open();
    await load();
    await ask(page, 'Who won the 2022 FIFA World Cup?');
    await done().waitFor();
    const bubble = answers().first();
    expect(await bubble.getAttribute('class')).toContain('abstained');
    expect(await bubble.locator('.abstain-label').innerText()).toContain('Not found in the documents');
    expect(await bubble.locator('.chip').count()).toBe(0);
    expect(await bubble.locator('.answer-quote').count()).toBe(0);
    // The passages that were searched can still be looked at.
    await bubble.locator('summary').click();
    expect(await bubble.locator('.passage').count()).toBeGreaterThan(0);
    await bubble.locator('.passage-where').first().click();
    await page.locator('.panel .line.cited').first().waitFor();
  });

  it('Stop cancels the question on the server and keeps what had arrived', async () => {
    await open();
    const frames = await relay(page);
    await load();
    frames.holdAfter((f) => f.type === 'delta');
    await ask(page, PRIME_MINISTER);
    await expect.poll(() => answers().first().locator('.markdown').innerText()).toBe('Mullah');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const askId = frames.sent[0]?.id;
    await expect.poll(() => frames.sent.at(-1)).toEqual({ type: 'cancel', id: askId });
    const bubble = answers().first();
    await expect.poll(() => bubble.getAttribute('class')).toContain('status-stopped');
    expect(await bubble.locator('.ending').innerText()).toContain('Stopped.');

    // Frames that were already on their way change nothing.
    frames.release();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    expect((await bubble.locator('.markdown').innerText()).trim()).toBe('Mullah');
    expect(await bubble.locator('.chip').count()).toBe(0);

    // "Ask again" asks the same question afresh.
    await bubble.getByRole('button', { name: 'Ask again' }).click();
    await done().waitFor();
    expect((await answers().first().locator('.markdown').innerText()).trim()).toBe(ANSWER);
  });

  it('stops one of two streaming answers with its own Stop, the other goes on', async () => {
    await open();
    const frames = await relay(page);
    await load();
    frames.holdAfter((f) => f.type === 'delta');
    await ask(page, PRIME_MINISTER);
    await ask(page, 'Who is the spokesperson of the Taliban government?');
    await expect.poll(() => frames.sent.filter((f) => f.type === 'ask').length).toBe(2);
    const [first, second] = [answers().nth(0), answers().nth(1)];
    await first.getByRole('button', { name: 'Stop this answer' }).click();
    await expect.poll(() => first.getAttribute('class')).toContain('status-stopped');
    expect(frames.sent.at(-1)).toEqual({ type: 'cancel', id: frames.sent[0]!.id });
    frames.release();
    await done(1).waitFor();
    expect((await second.locator('.markdown').innerText()).trim()).toBe('Zabihullah Mujahid');
    expect(await page.getByRole('button', { name: 'Stop this answer' }).count()).toBe(0);
  });

  it('a double-click on Send asks once and does not stop the question (Stop takes its place)', async () => {
    await open();
    const frames = await relay(page);
    await load();
    frames.holdAfter((f) => f.type === 'delta');
    await page.getByLabel('Your question').fill(PRIME_MINISTER);
    await page.getByRole('button', { name: 'Send' }).dblclick();
    await expect.poll(() => answers().first().locator('.markdown').innerText()).toBe('Mullah');
    expect(frames.sent.map((f) => f.type)).toEqual(['ask']);
    expect(await answers().first().getAttribute('class')).not.toContain('status-stopped');
    frames.release();
    await done().waitFor();
    expect((await answers().first().locator('.markdown').innerText()).trim()).toBe(ANSWER);
    expect(await answers().count()).toBe(1);
  });

  it('sends the conversation as history with a follow-up question', async () => {
    await open();
    const frames = await relay(page);
    await load();
    await ask(page, PRIME_MINISTER);
    await done(0).waitFor();
    await ask(page, 'Which Pakistani foreign minister met Akhund in Kabul?');
    await done(1).waitFor();
    const asks = frames.sent.filter((f) => f.type === 'ask');
    expect(asks[0]).not.toHaveProperty('history');
    expect(asks[1]).toMatchObject({ history: [{ question: PRIME_MINISTER, answer: ANSWER }] });
    expect(await answers().nth(1).locator('.markdown').innerText()).toContain('Ishaq Dar');
  });

  it('keeps the conversation across a reload, and "New conversation" clears it', async () => {
    await open();
    await load();
    await ask(page, PRIME_MINISTER);
    await done().waitFor();
    await page.reload();
    await done().waitFor();
    expect(await page.locator('.bubble.user').innerText()).toBe(PRIME_MINISTER);
    expect(await answers().first().locator('.chip').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByText('Ask a question about the documents').waitFor();
    expect(await answers().count()).toBe(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.reload();
    await page.getByText('Ask a question about the documents').waitFor();
    expect(await answers().count()).toBe(0);
  });

  it('works with the keyboard alone', async () => {
    await open();
    await load();
    // The header's Conversations and Documents buttons ("New conversation" is disabled while empty), then
    // on through the conversation list and the suggested questions to the message box.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Conversations');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Documents');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('conversation-search');
    for (let i = 0; i < 100 && (await page.evaluate(() => document.activeElement?.id)) !== 'question'; i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    await page.keyboard.type('Who is the Taliban');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type("'s Prime Minister?");
    expect(await page.locator('#question').inputValue()).toBe("Who is the Taliban\n's Prime Minister?");
    expect(await answers().count()).toBe(0); // Shift+Enter did not send
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PRIME_MINISTER);
    await page.keyboard.press('Enter');
    await done().waitFor();
    expect(await page.locator('#question').inputValue()).toBe('');

    // Tab from the box back up to the first citation chip, open it with Enter.
    let onChip = false;
    for (let i = 0; i < 12 && !onChip; i++) {
      await page.keyboard.press('Shift+Tab');
      onChip = await page.evaluate(
        () =>
          document.activeElement?.textContent?.startsWith('1') === true &&
          document.activeElement.classList.contains('chip'),
      );
    }
    expect(onChip).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.panel .line.cited').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
  });

  it('renders Markdown answers without letting HTML through, and flags unsupported and fallback answers', async () => {
    await open();
    const frames = await relay(page);
    await load();
    frames.detach(); // the test plays the server for this question
    await ask(page, 'Anything');
    await expect.poll(() => frames.sent.length).toBe(1);
    const id = frames.sent[0]!.id;
    const answer = [
      'The **minister** met [the delegation](https://example.org/a) in Kabul.',
      'Click [here](javascript:window.__pwned=1) <img src=x onerror="window.__pwned=2"> <script>window.__pwned=3</script>',
      'The moon is made of cheese.',
      'See ![the chart](https://example.org/chart.png).',
    ].join('\n\n');
    frames.inject({ type: 'passages', id, passages: [] });
    frames.inject({ type: 'delta', id, text: answer });
    const unsupported = ['The moon is made of cheese.', 'See ![the chart](https://example.org/chart.png).'];
    frames.inject({ type: 'done', id, answer, abstained: false, citations: [], unsupported, fallback: true });
    await done().waitFor();
    const md = answers().first().locator('.markdown');
    expect(await md.locator('strong').innerText()).toBe('minister');
    expect(
      await md.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')])),
    ).toEqual([
      ['https://example.org/a', 'noopener noreferrer nofollow'],
      ['https://example.org/chart.png', 'noopener noreferrer nofollow'],
    ]);
    // No image loads by itself (a steered model could leak the conversation in its URL).
    expect(await md.locator('img, script').count()).toBe(0);
    expect(await md.innerText()).toContain('<img src=x onerror="window.__pwned=2">');
    expect(await md.innerText()).toContain('<script>window.__pwned=3</script>');
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await md.locator('mark.unsupported').innerText()).toBe('The moon is made of cheese.');
    expect(await answers().first().locator('.unsupported-note').innerText()).toContain(
      'Not supported by the cited passages',
    );
    // Listed as words, not Markdown source.
    expect(await answers().first().locator('.unsupported-note li').allInnerTexts()).toEqual([
      'The moon is made of cheese.',
      'See !the chart.',
    ]);
    expect(await answers().first().locator('.badge.fallback').innerText()).toContain('Fallback answer');
    // Screen readers hear the words, not the Markdown.
    const spoken = await page.locator('#announcer').innerText();
    expect(spoken).toContain('The minister met the delegation in Kabul.');
    expect(spoken).not.toContain('**');
  });

  it('shows an error frame as a readable message', async () => {
    await open();
    const frames = await relay(page);
    await load();
    frames.detach();
    await ask(page, PRIME_MINISTER);
    await expect.poll(() => frames.sent.length).toBe(1);
    frames.inject({ type: 'error', id: frames.sent[0]!.id, code: 'index_not_ready', message: 'The index is loading.' });
    const ending = answers().first().locator('.ending.error');
    await ending.waitFor();
    expect(await ending.innerText()).toContain('The documents are not ready to be searched yet. The index is loading.');
    expect(await ending.getAttribute('role')).toBe('alert');
  });

  it('fits a phone screen: no sideways scrolling, the source panel covers the conversation', async () => {
    await open({ width: 390, height: 844 });
    await load();
    await ask(page, PRIME_MINISTER);
    await done().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator('.chip').first().click();
    const panel = page.locator('.panel');
    await panel.locator('.line.cited').first().waitFor();
    const box = await panel.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await page.getByRole('button', { name: 'Close source panel' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('follows the system colour scheme', async () => {
    await open();
    await load();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).toBe('rgb(247, 247, 248)');
    expect(dark).toBe('rgb(15, 17, 21)');
  });

  it('takes the README screenshot of the page answering a question', async () => {
    await open({ width: 1280, height: 760 });
    await load();
    await ask(page, 'Who is the Taliban spokesperson?');
    await done().waitFor();
    await ask(page, PRIME_MINISTER);
    await done(1).waitFor();
    await answers().nth(1).locator('.chip').first().click();
    await page.locator('.panel .line.cited').first().waitFor();
    await page.mouse.move(600, 740);
    await page.screenshot({ path: path.join(RESULTS, 'chat.png') });
  });
});

/** Whether `inner` is fully inside the visible part of the scrolling `outer`. */
async function visibleIn(outer: ReturnType<Page['locator']>, inner: ReturnType<Page['locator']>): Promise<boolean> {
  const [o, i] = await Promise.all([outer.boundingBox(), inner.boundingBox()]);
  return !!o && !!i && i.y >= o.y && i.y + i.height <= o.y + o.height;
}
