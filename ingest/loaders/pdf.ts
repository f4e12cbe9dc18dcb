import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { tooMuchText, type Loader, type LoadResult } from './types.js';

interface TextItem {
  str: string;
  hasEOL: boolean;
}

/**
 * Text per page, pages separated by a blank line; `pageStarts` lets a chunk (and the viewer) say
 * which page it is on. Encrypted, corrupt and text-less (scanned) files are reasons, not errors.
 */
export const loadPdf: Loader = async (bytes, ctx) => {
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  try {
    const pdf = await task.promise;
    return await extractPages(pdf, ctx.maxTextChars);
  } catch (err) {
    return { ok: false, reason: pdfReason(err) };
  } finally {
    await task.destroy().catch(() => undefined);
  }
};

async function extractPages(pdf: pdfjs.PDFDocumentProxy, maxChars: number): Promise<LoadResult> {
  const pages: string[] = [];
  let length = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    page.cleanup();
    const text = pageText(content.items as TextItem[]);
    pages.push(text);
    length += text.length + 2;
    if (length > maxChars) return tooMuchText(maxChars);
    // pdf.js in Node works in microtasks: yield a full turn so questions are answered and the time budget can fire.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (pages.every((p) => !p.trim())) return { ok: false, reason: 'no extractable text (a scanned PDF needs OCR first)' };
  const pageStarts: number[] = [];
  let offset = 0;
  for (const p of pages) {
    pageStarts.push(offset);
    offset += p.length + 2;
  }
  return { ok: true, text: pages.join('\n\n'), format: 'pdf', pageStarts };
}

/** Items joined as pdf.js lays them out; a page never ends with a newline, so page joins stay one blank line. */
export function pageText(items: TextItem[]): string {
  let out = '';
  for (const item of items) {
    if (!('str' in item)) continue;
    out += item.str.replace(/\n/g, ' ');
    if (item.hasEOL) out += '\n';
  }
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function pdfReason(err: unknown): string {
  const name = (err as Error)?.name;
  if (name === 'PasswordException') return 'encrypted PDF (needs a password)';
  if (name === 'InvalidPDFException') return 'corrupt or not a PDF';
  return `unreadable PDF: ${(err as Error)?.message ?? String(err)}`;
}
