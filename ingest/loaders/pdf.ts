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
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
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
  if (pages.every((p) => !p.trim()))
    return { ok: false, reason: 'no extractable text (a scanned PDF needs OCR first)' };
  const joined = joinHyphenated(pages);
  // Offsets from the final page texts (joining only shortens them), so pageStarts match the text.
  const pageStarts: number[] = [];
  let offset = 0;
  for (const p of joined) {
    pageStarts.push(offset);
    offset += p.length + 2;
  }
  return { ok: true, text: joined.join('\n\n'), format: 'pdf', pageStarts };
}

/**
 * A word broken at a line end with `-` and going on in lowercase. It starts only at a word's start
 * and holds no repetition around a hyphen, so even "x-x-x-…" costs linear time, not quadratic.
 */
const LINE_END_HYPHEN = /(?<!\p{L})(\p{L}+)-\n[ \t]*(\p{Ll}\p{L}*)/gu;
const COMPOUND = /(?<!\p{L})\p{L}+(?:-\p{L}+)+/gu;

/**
 * Typeset text breaks words at line ends ("infor-\nmation"), so "information" would never be found.
 * Rejoin them without the hyphen, unless the document writes the hyphenated form elsewhere
 * ("well-known"): then the hyphen is real and only the line break goes. Within a page only, so a
 * word never moves to another page.
 */
export function joinHyphenated(pages: string[]): string[] {
  const compounds = new Set<string>();
  // COMPOUND never crosses a line break, so only hyphens written within a line count.
  for (const page of pages) for (const [word] of page.matchAll(COMPOUND)) compounds.add(word.toLowerCase());
  return pages.map((page) =>
    page.replace(LINE_END_HYPHEN, (match: string, head: string, tail: string, at: number) => {
      // A break next to another hyphen ("state-of-the-\nart") is at one of a compound's own hyphens.
      const inCompound = page[at - 1] === '-' || page[at + match.length] === '-';
      return inCompound || compounds.has(`${head}-${tail}`.toLowerCase()) ? `${head}-${tail}` : head + tail;
    }),
  );
}

/** Items joined as pdf.js lays them out; a page never ends with a newline, so page joins stay one blank line. */
export function pageText(items: TextItem[]): string {
  let out = '';
  for (const item of items) {
    if (!('str' in item)) continue;
    out += item.str.replace(/\n/g, ' ');
    if (item.hasEOL) out += '\n';
  }
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function pdfReason(err: unknown): string {
  const name = (err as Error)?.name;
  if (name === 'PasswordException') return 'encrypted PDF (needs a password)';
  if (name === 'InvalidPDFException') return 'corrupt or not a PDF';
  return `unreadable PDF: ${(err as Error)?.message ?? String(err)}`;
}
