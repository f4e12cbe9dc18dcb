import mammoth from 'mammoth';
import { htmlToText } from './html.js';
import type { Loader } from './types.js';
import { declaredXmlBytes, maxXmlBytes } from './zip-size.js';

const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

/**
 * Word through mammoth's HTML (not its raw text), so Word's heading styles become headings and
 * chunks can name their section, exactly as for a web page.
 */
export const loadDocx: Loader = async (bytes, ctx) => {
  const declared = declaredXmlBytes(bytes);
  const limit = maxXmlBytes(ctx.maxTextChars);
  if (declared !== undefined && declared > limit) {
    const size = Number.isFinite(declared) ? `${Math.round(declared / 1024 / 1024)} MB` : 'more than 4 GB';
    return {
      ok: false,
      reason: `Word file unzips to ${size} of XML (over ${Math.round(limit / 1024 / 1024)} MB: a decompression bomb, or raise MAX_TEXT_CHARS)`,
    };
  }
  let html: string;
  try {
    // Images are left unread: the text is all that is kept, and a picture can be a bomb of its own.
    html = (
      await mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        { convertImage: NO_IMAGES },
      )
    ).value;
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    // A password-protected .docx is an OLE container, not a zip: mammoth fails the same way as on a corrupt file.
    if (/zip|central directory/i.test(message))
      return { ok: false, reason: 'corrupt or encrypted Word file (not a readable .docx)' };
    return { ok: false, reason: `unreadable Word file: ${message}` };
  }
  const result = htmlToText(`<body>${html}</body>`, ctx.maxTextChars, 'docx');
  return result.ok || !/no readable text/.test(result.reason)
    ? result
    : { ok: false, reason: 'empty Word document (no text)' };
};
