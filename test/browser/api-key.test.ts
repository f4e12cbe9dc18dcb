/**
 * The chat page against the real server started with API_KEY: the key prompt, a refused key, the key
 * sent as the WebSocket's first frame and as a bearer token on /api, reload, "Forget key". And the same
 * page against a server without a key, where nothing of this shows.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  CORPUS,
  ensureClientBuilt,
  launchBrowser,
  RESULTS,
  startDocqa,
  watchConsole,
  type Docqa,
} from './harness.js';

const KEY = 'correct-horse-battery';
const STORAGE_KEY = 'docqa.apiKey.v1';
const PRIME_MINISTER = "Who is the Taliban's Prime Minister?";
const ANSWER = 'Mullah Mohammad Hassan Akhund';
/** Chromium logs every 401 response (the start-up key check, a refused call) as a console error. */
const EXPECTED_NOISE = [/Failed to load resource: the server responded with a status of 401/];

let keyed: Docqa;
let open: Docqa;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
/** Every WebSocket the page opened, with the frames it sent, parsed. */
let sockets: Array<{ url: string; sent: unknown[] }>;
/** The Authorization header of every /api request the page made, by path. */
let apiCalls: Array<{ path: string; authorization: string | undefined }>;

beforeAll(async () => {
  [, keyed, open, browser] = await Promise.all([
    ensureClientBuilt(),
    startDocqa(CORPUS, { API_KEY: KEY }),
    startDocqa(CORPUS),
    launchBrowser(),
  ]);
  await mkdir(RESULTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([keyed?.cleanup(), open?.cleanup()]);
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await context?.close();
});

async function visit(server: Docqa): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  errors = watchConsole(page, EXPECTED_NOISE);
  sockets = [];
  apiCalls = [];
  page.on('websocket', (ws) => {
    const record = { url: ws.url(), sent: [] as unknown[] };
    sockets.push(record);
    ws.on('framesent', (frame) => record.sent.push(JSON.parse(String(frame.payload))));
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/'))
      apiCalls.push({ path: url.pathname, authorization: request.headers()['authorization'] });
  });
  await page.goto(server.server.url);
}

const keyForm = () => page.getByRole('form', { name: 'API key required' });
const status = () => page.locator('.status');
const storedKey = () => page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
const answered = (n = 0) => page.locator('article.bubble.assistant').nth(n).and(page.locator('.status-done'));

async function enterKey(key: string): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
}

/** Ask the Prime Minister question, check the answer, and open its first citation in the source panel. */
async function askAndOpenCitation(n = 0): Promise<void> {
  await ask(page, PRIME_MINISTER);
  await answered(n).waitFor();
  const bubble = page.locator('article.bubble.assistant').nth(n);
  expect((await bubble.locator('.markdown').innerText()).trim()).toBe(ANSWER);
  await bubble.locator('.chip').first().click();
  await page.locator('.panel .line.cited').first().waitFor();
  await page.getByRole('button', { name: 'Close source panel' }).click();
}

describe('chat page with API_KEY set on the server', () => {
  it('asks for a key, refuses a wrong one without reconnecting, then answers and opens sources with the right one', async () => {
    await visit(keyed);
    await keyForm().waitFor();
    expect(await page.getByLabel('API key', { exact: true }).getAttribute('type')).toBe('password');
    expect(await status().getAttribute('data-state')).toBe('locked');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Forget key' }).count()).toBe(0);
    // The documents cannot be listed without the key (the button toggled an invisible panel).
    expect(await page.getByRole('button', { name: 'Documents', exact: true }).isDisabled()).toBe(true);
    expect(sockets).toEqual([]); // no socket opened without a key
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');

    await enterKey('wrong-key-12345');
    await expect.poll(() => page.locator('.key-form [role="alert"]').textContent()).toBe('That key was refused.');
    await keyForm().waitFor();
    expect(await status().innerText()).toContain('Key refused');
    expect(await storedKey()).toBeNull();
    await page.screenshot({ path: path.join(RESULTS, 'api-key-refused.png') });
    // Refused means stop: no reconnecting past the first backoff delay (0.5 s).
    await page.waitForTimeout(1500);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.sent[0]).toEqual({ type: 'auth', apiKey: 'wrong-key-12345' });

    await enterKey(KEY);
    await page.locator('.status[data-state="open"]').waitFor();
    expect(await keyForm().count()).toBe(0);
    expect(await storedKey()).toBe(KEY);
    await askAndOpenCitation();

    // The key went as the socket's first frame (never in the URL) and as a bearer token on /api/sources.
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.url).not.toContain('api_key');
    expect(sockets[1]!.sent[0]).toEqual({ type: 'auth', apiKey: KEY });
    expect(sockets[1]!.sent[1]).toMatchObject({ type: 'ask', question: PRIME_MINISTER });
    const sources = apiCalls.filter((c) => c.path === '/api/sources');
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((c) => c.authorization === `Bearer ${KEY}`)).toBe(true);

    // With the key, the documents list opens and is read with it.
    await page.getByRole('button', { name: 'Documents', exact: true }).click();
    await page.locator('.documents-panel .doc-list').first().waitFor();
    expect(apiCalls.filter((c) => c.path === '/api/documents').every((c) => c.authorization === `Bearer ${KEY}`)).toBe(
      true,
    );
  });

  it('uses the stored key after a reload without asking, and "Forget key" asks again', async () => {
    await visit(keyed);
    await keyForm().waitFor();
    await enterKey(KEY);
    await page.locator('.status[data-state="open"]').waitFor();

    apiCalls = [];
    await page.reload();
    await page.locator('.status[data-state="open"]').waitFor();
    expect(await keyForm().count()).toBe(0);
    expect(apiCalls.some((c) => c.authorization === undefined && c.path !== '/api/health')).toBe(false); // no key check needed
    await askAndOpenCitation(0);

    await page.getByRole('button', { name: 'Forget key' }).click();
    await keyForm().waitFor();
    expect(await storedKey()).toBeNull();
    expect(await page.locator('.key-form [role="alert"]').count()).toBe(0); // asked, not refused
    expect(await status().getAttribute('data-state')).toBe('locked');
    expect(await page.getByRole('button', { name: 'Forget key' }).count()).toBe(0);
  });

  it('treats a stored key the server no longer accepts as refused', async () => {
    await visit(keyed);
    await page.evaluate((k) => localStorage.setItem(k, 'rotated-key-000'), STORAGE_KEY);
    await page.reload();
    await expect.poll(() => page.locator('.key-form [role="alert"]').textContent()).toBe('That key was refused.');
    expect(await storedKey()).toBeNull();
  });

  it('shows the form when an /api call answers 401, even with the socket open', async () => {
    await visit(keyed);
    await keyForm().waitFor();
    await enterKey(KEY);
    await page.locator('.status[data-state="open"]').waitFor();
    await ask(page, PRIME_MINISTER);
    await answered().waitFor();
    // As if the server's key changed after the socket was let in.
    await page.route('**/api/sources?**', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unauthorized', message: 'A valid API key is required.' } }),
      }),
    );
    await page.locator('.chip').first().click();
    await expect.poll(() => page.locator('.key-form [role="alert"]').textContent()).toBe('That key was refused.');
    expect(await storedKey()).toBeNull();
    expect(await status().getAttribute('data-state')).toBe('locked');
  });
});

describe('chat page without API_KEY', () => {
  it('never shows the key prompt and sends no auth frame', async () => {
    await visit(open);
    await page.locator('.status[data-state="open"]').waitFor();
    await askAndOpenCitation();
    expect(await keyForm().count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Forget key' }).count()).toBe(0);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.sent[0]).toMatchObject({ type: 'ask', question: PRIME_MINISTER });
    expect(apiCalls.every((c) => c.authorization === undefined)).toBe(true);
  });
});
