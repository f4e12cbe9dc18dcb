/**
 * The chat page when things go wrong: server restarts, hostile documents, very long documents and answers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { relay } from './frames.js';
import { ask, ensureClientBuilt, launchBrowser, startDocqa, watchConsole, type Docqa } from './harness.js';

const HOSTILE = [
  'Project Nebula briefing notes.',
  '',
  'The Nebula probe was built by Orbital Dynamics in Tucson.',
  'Its payload note reads <script>window.__pwned = 1</script> and also <img src=x onerror="window.__pwned = 2">.',
  'The chief engineer of the Nebula probe is Dr. Amara Okonkwo <script>window.__pwned = 3</script>.',
  'The probe launched on 12 March 2031 from Kourou.',
].join('\n');

/** 3,000 lines of filler with one fact on line 2,500. */
const LONG = Array.from({ length: 3000 }, (_, i) =>
  i === 2499
    ? 'The lighthouse keeper of Port Alvarado is Benedikt Szymanski.'
    : `Filler line ${i + 1} about the weather, the tides and nothing of note.`,
).join('\n');

/** A fact under three long headings: its citation chip names the whole heading path. */
const NESTED = [
  '# Border crossings of the eastern provinces and their inspection regimes',
  '## Agricultural produce inspections at the Torkham crossing point during the harvest season',
  '### Fruit trucks and the average time each inspection of their cargo takes',
  '',
  'Fruit trucks at Torkham are inspected within forty minutes on average.',
].join('\n');

let docsDir: string;
let docqa: Docqa;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  docsDir = await mkdtemp(path.join(os.tmpdir(), 'docqa-hostile-docs-'));
  await writeFile(path.join(docsDir, 'nebula.txt'), HOSTILE);
  await writeFile(path.join(docsDir, 'long.txt'), LONG);
  await writeFile(path.join(docsDir, 'inspections.md'), NESTED);
  [, docqa, browser] = await Promise.all([ensureClientBuilt(), startDocqa(docsDir), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await docqa?.cleanup();
  await rm(docsDir, { recursive: true, force: true });
});

/** A fresh page; `allow` lists console errors the test expects (the browser logs failed WebSocket connects). */
async function open(allow: RegExp[] = []): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  errors = watchConsole(page, allow);
  await page.goto(docqa.server.url);
  await page.locator('.status[data-state="open"]').waitFor();
}
afterEach(async () => {
  expect(errors).toEqual([]);
  await context?.close();
});

const answers = () => page.locator('article.bubble.assistant');
const done = (n = 0) => answers().nth(n).and(page.locator('.status-done'));
const pwned = () => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

describe('chat page robustness', () => {
  it('shows a hostile document as text: no script runs, the markup is visible', async () => {
    await open();
    await ask(page, 'Who is the chief engineer of the Nebula probe?');
    await done().waitFor();
    expect((await answers().first().locator('.markdown').innerText()).trim()).toBe('Dr. Amara Okonkwo');

    await answers().first().locator('.chip').first().click();
    const panel = page.locator('.panel');
    await panel.locator('.line.cited').first().waitFor();
    expect(await panel.locator('.line.cited').getAttribute('data-line')).toBe('5');
    expect(await panel.locator('.line.cited').innerText()).toContain(
      'Dr. Amara Okonkwo <script>window.__pwned = 3</script>.',
    );
    expect(await panel.innerText()).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(await panel.locator('script, img').count()).toBe(0);
    // Nothing anywhere on the page became markup, retrieved passages included once unfolded.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await page.locator('body script, body img').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
  });

  it('opens a long document at the cited line, rendering only a window around it', async () => {
    await open();
    await ask(page, 'Who is the lighthouse keeper of Port Alvarado?');
    await done().waitFor();
    await answers().first().locator('.chip').first().click();
    const panel = page.locator('.panel');
    const cited = panel.locator('.line.cited');
    await cited.first().waitFor();
    expect(await cited.getAttribute('data-line')).toBe('2500');
    await expect
      .poll(async () => {
        const [outer, inner] = await Promise.all([panel.locator('.panel-body').boundingBox(), cited.boundingBox()]);
        return !!outer && !!inner && inner.y >= outer.y && inner.y + inner.height <= outer.y + outer.height;
      })
      .toBe(true);
    const rendered = await panel.locator('.line').count();
    expect(rendered).toBeLessThan(600);
    const earlier = panel.getByRole('button', { name: /Show earlier lines/ });
    expect(await earlier.innerText()).toContain('(2299 more)');
    await earlier.click();
    await expect.poll(() => panel.locator('.line').count()).toBeGreaterThan(rendered);
  });

  it('warns in the source panel when the document changed after it was indexed', async () => {
    await open();
    await ask(page, 'Who built the Nebula probe?');
    await done().waitFor();
    const panel = page.locator('.panel');
    await answers().first().locator('.chip').first().click();
    await panel.locator('.line.cited').first().waitFor();
    expect(await panel.locator('.stale').count()).toBe(0);
    await page.getByRole('button', { name: 'Close source panel' }).click();
    await writeFile(path.join(docsDir, 'nebula.txt'), `Added after ingest.\n${HOSTILE}`);
    try {
      // Opened again after the page's short cache, the panel fetches the file anew.
      await page.clock.install();
      await page.clock.fastForward(60_000);
      await answers().first().locator('.chip').first().click();
      await panel.locator('.stale').first().waitFor();
      expect(await panel.locator('.stale').first().innerText()).toContain('changed after it was indexed');
      // A line was added above: the quote is found and highlighted where it now is, and the panel says so.
      const cited = await panel.locator('.line.cited').getAttribute('data-line');
      expect(await panel.locator('.line.cited').innerText()).toContain(
        'The Nebula probe was built by Orbital Dynamics',
      );
      expect(await panel.locator('.stale.moved').innerText()).toContain(
        `now at line ${cited} (cited as line ${Number(cited) - 1})`,
      );
    } finally {
      await writeFile(path.join(docsDir, 'nebula.txt'), HOSTILE);
    }
  });

  it('keeps a very long answer readable and the message box in reach', async () => {
    await open();
    const frames = await relay(page);
    await page.reload();
    await page.locator('.status[data-state="open"]').waitFor();
    frames.detach();
    await ask(page, 'Tell me everything');
    await expect.poll(() => frames.sent.length).toBe(1);
    const id = frames.sent[0]!.id;
    const answer = [
      `${'x'.repeat(3000)}`,
      ...Array.from({ length: 400 }, (_, i) => `Paragraph ${i + 1} of a very long answer.`),
    ].join('\n\n');
    for (let at = 0; at < answer.length; at += 2000)
      frames.inject({ type: 'delta', id, text: answer.slice(at, at + 2000) });
    frames.inject({ type: 'done', id, answer, abstained: false, citations: [] });
    await done().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const bubble = await answers().first().boundingBox();
    expect(bubble!.width).toBeLessThanOrEqual(1280);
    // The conversation scrolls, not the page: the message box stays on screen, and follows the end.
    const box = await page.locator('#question').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    await expect
      .poll(() => page.locator('main.log').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 100))
      .toBe(true);
  });

  it('keeps a citation chip with a long heading path inside its answer on a phone', async () => {
    await open();
    await page.setViewportSize({ width: 375, height: 700 });
    await ask(page, 'How quickly are fruit trucks inspected at Torkham?');
    await done().waitFor();
    const chip = answers().first().locator('.chip').first();
    expect(await chip.innerText()).toContain('inspections.md');
    const [bubble, box] = await Promise.all([answers().first().boundingBox(), chip.boundingBox()]);
    expect(box!.x + box!.width).toBeLessThanOrEqual(bubble!.x + bubble!.width);
    // The heading path is cut with an ellipsis, not lost off the edge.
    expect(
      await chip
        .locator('.chip-where')
        .evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis'),
    ).toBe(true);
  });

  it('reconnects with backoff after the server restarts, and says so', async () => {
    await open([/WebSocket connection to .* failed/, /Failed to load resource: net::ERR_CONNECTION_REFUSED/]);
    await ask(page, 'Who is the chief engineer of the Nebula probe?');
    await done().waitFor();

    const port = docqa.server.port;
    await docqa.server.close();
    const status = page.locator('.status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('waiting');
    expect(await status.innerText()).toMatch(/Connection lost\. Reconnecting in \d+ s…/);
    // The live region is not re-read every second: the countdown is for the eyes only.
    expect(await status.locator('[aria-hidden="true"]', { hasText: /in \d+ s…/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    docqa.server = await docqa.start(port);
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toContain('Reconnected');
    expect(await status.getAttribute('data-state')).toBe('open');

    await ask(page, 'Who is the lighthouse keeper of Port Alvarado?');
    await done(1).waitFor();
    expect((await answers().nth(1).locator('.markdown').innerText()).trim()).toBe('Benedikt Szymanski');
  });
});
