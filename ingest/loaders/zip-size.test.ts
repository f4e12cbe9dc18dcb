import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { loadDocx } from './docx.js';
import { declaredXmlBytes, maxXmlBytes } from './zip-size.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function wordFile(): Promise<Buffer> {
  const picture = new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } });
  return Packer.toBuffer(
    new Document({
      sections: [{ children: [new Paragraph('The ferry leaves at nine.'), new Paragraph({ children: [picture] })] }],
    }),
  );
}

/** The file with the central directory claiming `size` unzipped bytes for word/document.xml: a bomb as its directory describes it. */
function claiming(docx: Buffer, size: number): Buffer {
  const out = Buffer.from(docx);
  for (let at = out.length - 22; at >= 0; at--) {
    if (out.readUInt32LE(at) !== 0x02014b50) continue;
    const name = out.toString('utf8', at + 46, at + 46 + out.readUInt16LE(at + 28));
    if (name === 'word/document.xml') out.writeUInt32LE(size, at + 24);
  }
  return out;
}

describe('Word files that would unzip to too much', () => {
  it('reads the declared XML size of a real Word file from its directory, media left out', async () => {
    const docx = await wordFile();
    const declared = declaredXmlBytes(docx)!;
    expect(declared).toBeGreaterThan(1000);
    expect(declared).toBeLessThan(maxXmlBytes(2_000_000));
    expect(declaredXmlBytes(Buffer.from('not a zip at all'))).toBeUndefined();
  });

  it('still converts a Word file with a picture (pictures are not read)', async () => {
    expect(await loadDocx(await wordFile(), { maxTextChars: 1000 })).toMatchObject({
      ok: true,
      text: expect.stringContaining('The ferry leaves at nine.'),
    });
  });

  it('refuses one whose parts declare more XML than the limit, at once, without unzipping them', async () => {
    const bomb = claiming(await wordFile(), 0xf0000000);
    const r = await loadDocx(bomb, { maxTextChars: 2_000_000 });
    expect(r).toEqual({
      ok: false,
      reason: 'Word file unzips to 3840 MB of XML (over 64 MB: a decompression bomb, or raise MAX_TEXT_CHARS)',
    });
    expect(await loadDocx(claiming(await wordFile(), 0xffffffff), { maxTextChars: 2_000_000 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('more than 4 GB'),
    });
  });
});
