/**
 * The documents panel in a real browser: list, add (file picker), open, delete, and files that could not be indexed
 * (failed to convert, or skipped before converting).
 */
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encryptedPdfBytes } from '../sample-docs.js';
import { ask, CORPUS, ensureClientBuilt, launchBrowser, startDocqa, watchConsole, type Docqa } from './harness.js';

const FACT = 'The harbour master of Port Vela is Ingrid Salo, who took the post in 2019.\n';

let docsDir: string;
let docqa: Docqa;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  docsDir = await mkdtemp(path.join(os.tmpdir(), 'docqa-documents-'));
  await cp(CORPUS, docsDir, { recursive: true });
  // Dropped in the folder before the first ingest: it fails to convert and is listed with the reason.
  await writeFile(path.join(docsDir, 'locked.pdf'), await encryptedPdfBytes());
  // Skipped before converting (a type never read): listed with the failed one, with the reason.
  await writeFile(path.join(docsDir, 'keynote.pages'), 'PK an Apple Pages file');
  [, docqa, browser] = await Promise.all([ensureClientBuilt(), startDocqa(docsDir), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await docqa?.cleanup();
  await rm(docsDir, { recursive: true, force: true });
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await context?.close();
});

const panel = () => page.locator('.documents-panel');
const names = () => panel().locator('.doc-list:not(.failed) .doc-name').allInnerTexts();

async function openDocuments(allow: RegExp[] = []): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // The server refuses the corrupt upload with 400 and a deleted document with 404 on purpose; the browser logs those responses.
  errors = watchConsole(page, [/status of 400/, /status of 404/, ...allow]);
  await page.goto(docqa.server.url);
  await page.locator('.status[data-state="open"]').waitFor();
  await page.getByRole('button', { name: 'Documents' }).click();
  await panel().locator('.doc-list').first().waitFor();
}

describe('documents panel', () => {
  it('lists the indexed documents and the files that could not be indexed, with the reason', async () => {
    await openDocuments();
    expect(await names()).toEqual(['000_60de2d17179a020e.txt', '003_c449010215894527.txt']);
    expect(await panel().locator('.panel-meta').innerText()).toMatch(/^2 indexed documents · \d+ passages$/);
    const failed = panel().locator('.doc-list.failed li');
    expect(await failed.count()).toBe(2);
    expect(await failed.nth(0).innerText()).toMatch(/^keynote\.pages\s+unsupported type "\.pages" \(reads \.txt, /);
    expect(await failed.nth(1).innerText()).toMatch(/^locked\.pdf\s+encrypted PDF/);
  });

  it('adds a file, which then answers questions, opens it whole, and deletes it', async () => {
    await openDocuments();
    await panel()
      .locator('input[type=file]')
      .setInputFiles({ name: 'harbour.txt', mimeType: 'text/plain', buffer: Buffer.from(FACT) });
    await panel().getByText('Added harbour.txt.').waitFor();
    expect(await names()).toContain('harbour.txt');
    expect(await readdir(docsDir)).toContain('harbour.txt');

    // Opened from the list: the whole document, nothing highlighted; closing it returns to the list.
    await panel().getByRole('button', { name: 'harbour.txt', exact: true }).click();
    await page.locator('.panel .line').first().waitFor();
    expect(await page.getByRole('complementary', { name: 'harbour.txt' }).locator('.panel-meta').innerText()).toBe(
      'Document',
    );
    expect(await page.locator('.panel .line.cited').count()).toBe(0);
    await page.getByRole('button', { name: 'Close source panel' }).click();
    await panel().waitFor();

    await ask(page, 'Who is the harbour master of Port Vela?');
    const answer = page.locator('article.bubble.assistant.status-done');
    await answer.waitFor();
    expect(await answer.locator('.markdown').innerText()).toContain('Ingrid Salo');
    expect(await answer.locator('.chip').first().innerText()).toContain('harbour.txt');

    page.once('dialog', (dialog) => void dialog.accept());
    await panel().getByRole('button', { name: 'Delete harbour.txt' }).click();
    await panel().getByText('Deleted harbour.txt.').waitFor();
    expect(await names()).not.toContain('harbour.txt');
    expect(await readdir(docsDir)).not.toContain('harbour.txt');
  });

  it('opens a replaced file with its new text, and a deleted one no longer opens from an answer on screen', async () => {
    await openDocuments();
    const input = panel().locator('input[type=file]');
    const viewerText = () => page.locator('.panel .line-text').first().innerText();
    await input.setInputFiles({
      name: 'tides.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('High tide at Port Vela is at noon.\n'),
    });
    await panel().getByText('Added tides.txt.').waitFor();
    await panel().getByRole('button', { name: 'tides.txt', exact: true }).click();
    expect(await viewerText()).toBe('High tide at Port Vela is at noon.');
    await page.getByRole('button', { name: 'Close source panel' }).click();

    // Replaced within the viewer's short cache: the viewer showed the old text.
    await input.setInputFiles({
      name: 'tides.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('High tide at Port Vela is at midnight.\n'),
    });
    await panel().getByText('Replaced tides.txt.').waitFor();
    await panel().getByRole('button', { name: 'tides.txt', exact: true }).click();
    await expect.poll(viewerText).toBe('High tide at Port Vela is at midnight.');
    await page.getByRole('button', { name: 'Close source panel' }).click();

    // An answer citing it stays on screen; after the delete its chip says the file is gone.
    await ask(page, 'When is high tide at Port Vela?');
    const chip = page.locator('article.bubble.assistant.status-done .chip').first();
    await chip.waitFor();
    expect(await chip.innerText()).toContain('tides.txt');
    page.once('dialog', (dialog) => void dialog.accept());
    await panel().getByRole('button', { name: 'Delete tides.txt' }).click();
    await panel().getByText('Deleted tides.txt.').waitFor();
    await chip.click();
    await page.locator('.panel .error').waitFor();
    expect(await page.locator('.panel .line').count()).toBe(0);
  });

  it('adds several files at once, says which failed, and queues files dropped during an upload', async () => {
    await openDocuments();
    const input = panel().locator('input[type=file]');
    const colours = ['red', 'blue', 'green', 'teal', 'pink', 'gold'];
    const files = colours.map((c) => ({
      name: `colour-${c}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`This file's colour is ${c}.\n`),
    }));
    // The failure comes first, so five successes after it would have pushed it out of a five-line list.
    files.unshift({ name: 'torn.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 torn') });
    await input.focus();
    await input.setInputFiles(files);
    // Dropped while the first files are still being added: it waits its turn (it was ignored).
    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['Owls hunt at night.\n'], 'owls.txt', { type: 'text/plain' }));
      return transfer;
    });
    await panel().locator('.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    // The picker keeps keyboard focus while files are added (it was disabled, which dropped focus to the page).
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);

    await panel().getByText('Added owls.txt.').waitFor();
    const outcomes = await panel().locator('.doc-outcomes p').allInnerTexts();
    expect(outcomes).toContain('torn.pdf was not added: torn.pdf cannot be indexed: corrupt or not a PDF.');
    for (const c of colours) expect(outcomes).toContain(`Added colour-${c}.txt.`);
    expect(await names()).toEqual(expect.arrayContaining([...colours.map((c) => `colour-${c}.txt`), 'owls.txt']));
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);

    // Deleted through the API, so the index (not only the folder) is as the other tests expect.
    const added = [...colours.map((c) => `colour-${c}.txt`), 'owls.txt'];
    for (const name of added)
      expect((await fetch(`${docqa.server.url}/api/documents?path=${name}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('returns keyboard focus to what opened a panel, and the list keeps its place under an opened document', async () => {
    await openDocuments();
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
    const documentsButton = page.getByRole('button', { name: 'Documents', exact: true });
    // Escape or Close: focus goes back to the Documents button (it fell to the page).
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Documents');
    await page.keyboard.press('Enter');
    await panel().locator('.doc-list').first().waitFor();
    await page.getByRole('button', { name: 'Close documents panel' }).click();
    await expect.poll(focused).toBe('Documents');
    expect(await documentsButton.getAttribute('aria-pressed')).toBe('false');

    // A short window, so the list scrolls; the last document is opened from further down it (focusing
    // it scrolls it into view: the files not indexed are listed below it).
    await page.setViewportSize({ width: 1280, height: 260 });
    await documentsButton.click();
    await panel().locator('.doc-list').first().waitFor();
    const body = panel().locator('.panel-body');
    const last = panel().locator('.doc-list:not(.failed) .doc-name').last();
    const lastName = await last.innerText();
    await last.focus();
    const scrolled = await body.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.locator('.panel .line').first().waitFor();
    expect(await documentsButton.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Escape');
    // Back at the list where it was left, on the document's own button (it was the list's top, focus on its title).
    await expect.poll(focused).toBe(lastName);
    expect(await body.evaluate((el) => el.scrollTop)).toBe(scrolled);

    // The Documents button over an opened document brings the list back rather than closing everything.
    await last.click();
    await page.locator('.panel .line').first().waitFor();
    await documentsButton.click();
    await panel().locator('.doc-list').first().waitFor();
    expect(await page.locator('.panel .line').count()).toBe(0);
    expect(await documentsButton.getAttribute('aria-pressed')).toBe('true');
  });

  it('reads the list again when the server is back after a restart', async () => {
    // A server just started says 503 until its index is loaded; the list is read again once it is.
    await openDocuments([
      /WebSocket connection to .* failed/,
      /Failed to load resource: net::ERR_CONNECTION_REFUSED/,
      /status of 503 \(Service Unavailable\)/,
    ]);
    const port = docqa.server.port;
    await docqa.server.close();
    await expect.poll(() => page.locator('.status').getAttribute('data-state'), { timeout: 10_000 }).toBe('waiting');
    // An upload while it is down fails, and the list re-read after it says the server could not be reached.
    await panel()
      .locator('input[type=file]')
      .setInputFiles({ name: 'offline.txt', mimeType: 'text/plain', buffer: Buffer.from('Written offline.\n') });
    await panel().getByText('offline.txt was not added: the server could not be reached.').waitFor();
    await panel().getByText('The documents could not be listed: the server could not be reached.').waitFor();

    docqa.server = await docqa.start(port);
    await expect.poll(() => page.locator('.status').getAttribute('data-state'), { timeout: 20_000 }).toBe('open');
    // The list and the picker come back by themselves (the error stayed until the panel was closed and reopened).
    await expect.poll(names).toContain('000_60de2d17179a020e.txt');
    expect(await panel().getByText('The documents could not be listed').count()).toBe(0);
    expect(await panel().locator('input[type=file]').count()).toBe(1);
  });

  it('keeps keyboard focus in the panel after deleting a document from the keyboard', async () => {
    await openDocuments();
    await panel()
      .locator('input[type=file]')
      .setInputFiles({ name: 'gone.txt', mimeType: 'text/plain', buffer: Buffer.from('Soon gone.\n') });
    await panel().getByText('Added gone.txt.').waitFor();
    await panel().getByRole('button', { name: 'Delete gone.txt' }).focus();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('Enter');
    await panel().getByText('Deleted gone.txt.').waitFor();
    // On the panel's title (it fell to the page with the deleted row's button), so Tab goes on from the panel.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('documents-title');
  });

  it('says why a file was not added, and a cancelled delete deletes nothing', async () => {
    await openDocuments();
    await panel()
      .locator('input[type=file]')
      .setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 not really') });
    await panel().locator('.doc-outcomes .error').waitFor();
    expect(await panel().locator('.doc-outcomes .error').innerText()).toBe(
      'broken.pdf was not added: broken.pdf cannot be indexed: corrupt or not a PDF.',
    );
    expect(await readdir(docsDir)).not.toContain('broken.pdf');

    page.once('dialog', (dialog) => void dialog.dismiss());
    await panel().getByRole('button', { name: 'Delete 000_60de2d17179a020e.txt' }).click();
    expect(await names()).toContain('000_60de2d17179a020e.txt');
    expect(await readdir(docsDir)).toContain('000_60de2d17179a020e.txt');
  });
});

/** The page on a server of its own (a folder other than the shared one). */
async function openPageOn(server: Docqa): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  errors = watchConsole(page);
  await page.goto(server.server.url);
}

describe('documents panel over an empty folder', () => {
  it('says nothing is indexed yet, and the count follows an added file', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'docqa-empty-'));
    const server = await startDocqa(empty);
    try {
      await openPageOn(server);
      await page.getByText('No documents are indexed yet').waitFor();
      await page.getByRole('button', { name: 'Documents' }).click();
      await panel().getByText('No documents are indexed yet.').waitFor();
      await panel()
        .locator('input[type=file]')
        .setInputFiles({ name: 'harbour.txt', mimeType: 'text/plain', buffer: Buffer.from(FACT) });
      await panel().getByText('Added harbour.txt.').waitFor();
      await page.getByText(/^1 document · \d+ passages indexed$/).waitFor();
    } finally {
      await context.close();
      await server.cleanup();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('with UPLOADS=0, says where documents go instead of pointing at an add control that is not there', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'docqa-empty-'));
    const server = await startDocqa(empty, { UPLOADS: '0' });
    try {
      await openPageOn(server);
      const hint = page.getByText('No documents are indexed yet');
      await hint.waitFor();
      expect(await hint.innerText()).toBe(
        'No documents are indexed yet. This server does not take uploads: whoever runs it puts files in its documents folder and runs npm run ingest.',
      );
      await page.getByRole('button', { name: 'Documents' }).click();
      await panel().getByText('No documents are indexed yet.').waitFor();
      expect(await panel().locator('input[type=file]').count()).toBe(0);
    } finally {
      await context.close();
      await server.cleanup();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('documents panel over many documents', () => {
  it('offers a filter by name that narrows the list and says how many match', async () => {
    const many = await mkdtemp(path.join(os.tmpdir(), 'docqa-many-'));
    for (let i = 1; i <= 14; i++)
      await writeFile(
        path.join(many, `report-${String(i).padStart(2, '0')}.txt`),
        `Report ${i} says the harbour handled ${i * 100} ships.\n`,
      );
    await writeFile(path.join(many, 'minutes.txt'), 'The board met on Monday.\n');
    const server = await startDocqa(many);
    try {
      await openPageOn(server);
      await page.locator('.status[data-state="open"]').waitFor();
      await page.getByRole('button', { name: 'Documents' }).click();
      const filter = panel().getByLabel('Filter documents by name');
      await filter.waitFor();
      expect(await panel().locator('.doc-list:not(.failed) li').count()).toBe(15);
      await filter.fill('MINUTES');
      expect(await panel().locator('.doc-list:not(.failed) .doc-name').allInnerTexts()).toEqual(['minutes.txt']);
      expect(await panel().locator('.doc-filter [role=status]').innerText()).toBe('1 of 15');
    } finally {
      await context.close();
      await server.cleanup();
      await rm(many, { recursive: true, force: true });
    }
  });
});

describe('documents panel with UPLOADS=0', () => {
  it('lists the documents and opens them, without the file picker, drop zone or Delete buttons', async () => {
    const server = await startDocqa(CORPUS, { UPLOADS: '0' });
    try {
      await openPageOn(server);
      await page.locator('.status[data-state="open"]').waitFor();
      await page.getByRole('button', { name: 'Documents' }).click();
      await panel().locator('.doc-list').first().waitFor();
      expect(await names()).toEqual(['000_60de2d17179a020e.txt', '003_c449010215894527.txt']);
      expect(await panel().locator('input[type=file]').count()).toBe(0);
      expect(await panel().locator('.dropzone').count()).toBe(0);
      expect(
        await panel()
          .getByRole('button', { name: /^Delete / })
          .count(),
      ).toBe(0);
      // Listing is all it lost: a document still opens from the list.
      await panel().getByRole('button', { name: '000_60de2d17179a020e.txt', exact: true }).click();
      await page.locator('.panel .line').first().waitFor();
    } finally {
      await context.close();
      await server.cleanup();
    }
  });
});
