import mammoth from 'mammoth';
import { htmlToText } from './html.js';
import type { Loader } from './types.js';

/**
 * Word through mammoth's HTML (not its raw text), so Word's heading styles become headings and
 * chunks can name their section, exactly as for a web page.
 */
export const loadDocx: Loader = async (bytes, ctx) => {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    // A password-protected .docx is an OLE container, not a zip: mammoth fails the same way as on a corrupt file.
    if (/zip|central directory/i.test(message)) return { ok: false, reason: 'corrupt or encrypted Word file (not a readable .docx)' };
    return { ok: false, reason: `unreadable Word file: ${message}` };
  }
  const result = htmlToText(`<body>${html}</body>`, ctx.maxTextChars, 'docx');
  return result.ok || !/no readable text/.test(result.reason) ? result : { ok: false, reason: 'empty Word document (no text)' };
};
