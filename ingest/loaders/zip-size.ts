/**
 * How many bytes the XML parts of a zip (a .docx) say they unzip to, read from its central
 * directory without inflating anything. A few hundred kilobytes of zeros can unzip to gigabytes
 * (a decompression bomb); mammoth would inflate the part and parse it into a DOM several times its
 * size before the worker's heap cap or the time limit stopped it, holding up to a gigabyte for
 * half a minute. Asking the directory first refuses such a file at once. A zip that lies about its
 * sizes still meets the cap and the limit.
 */
const EOCD = 0x06054b50;
const ENTRY = 0x02014b50;

/** Only the parts mammoth parses: media are never read (see docx.ts), other entries never opened. */
const PARSED = /\.(xml|rels)$/i;

/** The declared total, Infinity for a zip64 directory (only needed past 4 GB or 65,535 entries), undefined when no zip directory is found (mammoth then says what is wrong). */
export function declaredXmlBytes(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes, followed by a comment of up to 65,535.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff) return Infinity;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== ENTRY) return undefined;
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, Math.min(buf.length, at + 46 + nameLength));
    if (PARSED.test(name)) total += size === 0xffffffff ? Infinity : size;
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return total;
}

/**
 * The most XML a Word file may unzip to: 32 bytes of markup per character of the text limit (Word
 * wraps every run of text in several elements), and never under 64 MB.
 */
export const maxXmlBytes = (maxTextChars: number) => Math.max(64 * 1024 * 1024, 32 * maxTextChars);
