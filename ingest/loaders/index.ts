import { loadDocx } from './docx.js';
import { loadHtml } from './html.js';
import { loadMarkdown } from './markdown.js';
import { loadPdf } from './pdf.js';
import { loadCsv, loadJson, loadJsonLines } from './records.js';
import { loadPlainText } from './text.js';
import type { Loader } from './types.js';

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
