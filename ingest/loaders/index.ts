import { loadCsv, loadJson, loadJsonLines } from './records.js';
import { loadPlainText } from './text.js';
import type { Loader } from './types.js';

/**
 * Loaders whose parsers are heavy (pdf.js with its canvas, mammoth, cheerio, markdown-it: about
 * 60 MB together) are imported on first use, so a process that only answers questions, or only
 * reads plain text, never holds them. Conversion workers load them up front (`preloadParsers`).
 */
const PARSERS = {
  pdf: () => import('./pdf.js').then((m) => m.loadPdf),
  docx: () => import('./docx.js').then((m) => m.loadDocx),
  html: () => import('./html.js').then((m) => m.loadHtml),
  markdown: () => import('./markdown.js').then((m) => m.loadMarkdown),
};

const lazy =
  (parser: () => Promise<Loader>): Loader =>
  async (bytes, ctx) =>
    (await parser())(bytes, ctx);

const loadPdf = lazy(PARSERS.pdf);
const loadDocx = lazy(PARSERS.docx);
const loadHtml = lazy(PARSERS.html);
const loadMarkdown = lazy(PARSERS.markdown);

/** Import every heavy parser now (a conversion worker, before its time budget starts). */
export async function preloadParsers(): Promise<void> {
  await Promise.all(Object.values(PARSERS).map((load) => load()));
}

export type { Heading, Loader, LoaderContext, LoadResult, Structure } from './types.js';

/** Every format the ingest reads, by lowercase extension. Adding a format is one loader and one line here. */
export const LOADERS: ReadonlyMap<string, Loader> = new Map([
  ['.txt', loadPlainText],
  ['.text', loadPlainText],
  ['.md', loadMarkdown],
  ['.markdown', loadMarkdown],
  ['.pdf', loadPdf],
  ['.docx', loadDocx],
  ['.html', loadHtml],
  ['.htm', loadHtml],
  ['.csv', loadCsv],
  ['.json', loadJson],
  ['.jsonl', loadJsonLines],
]);

export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(LOADERS.keys());
