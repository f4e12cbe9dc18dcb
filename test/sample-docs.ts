import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';

/** Sample documents built here, in the tests, from the libraries that make real ones: no binary fixtures. */

/** A PDF with one page per entry; each page's lines drawn top to bottom. */
export async function pdfBytes(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([500, 700]);
    lines.forEach((line, i) => page.drawText(line, { x: 40, y: 650 - i * 18, size: 11, font }));
  }
  return doc.save();
}

/** A PDF whose trailer says it is encrypted with a user password nobody knows. */
export async function encryptedPdfBytes(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('secret', { x: 10, y: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
  const ctx = doc.context;
  ctx.trailerInfo.Encrypt = ctx.register(
    ctx.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      Length: 40,
      P: -4,
      O: PDFHexString.of('00'.repeat(32)),
      U: PDFHexString.of('11'.repeat(32)),
    }),
  );
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
  return doc.save({ useObjectStreams: false });
}

/** A .docx from [heading level (0 = body), text] paragraphs. */
export async function docxBytes(paragraphs: [number, string][]): Promise<Buffer> {
  const levels = [undefined, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
  const children = paragraphs.map(
    ([level, text]) => new Paragraph(level ? { text, heading: levels[level] } : { text }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return endian === 'le' ? le : Buffer.from(le).swap16();
}

export async function put(root: string, relative: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}
