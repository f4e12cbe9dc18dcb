/** Bytes to text: UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM; anything else is a reason, not a guess. */
export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false });

export function decode(bytes: Uint8Array): Decoded {
  const decoded = decodeBytes(bytes);
  return decoded.ok ? { ...decoded, text: lineFeeds(decoded.text) } : decoded;
}

/**
 * A lone CR (classic Mac line endings) becomes LF: everything downstream splits lines on LF, so
 * otherwise the whole file is one line and no Markdown heading is found. CRLF is left as it is
 * (handled downstream), and the length is unchanged, so offsets into the text stay valid.
 */
export const lineFeeds = (text: string): string => (text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);

function decodeBytes(bytes: Uint8Array): Decoded {
  const [a, b] = bytes;
  try {
    if (a === 0xff && b === 0xfe) return { ok: true, text: utf16le.decode(bytes), encoding: 'utf-16le' };
    if (a === 0xfe && b === 0xff) return { ok: true, text: utf16be.decode(bytes), encoding: 'utf-16be' };
  } catch {
    return { ok: false, reason: 'not valid UTF-16 text despite its byte-order mark' };
  }
  try {
    const text = utf8.decode(bytes);
    // NUL is valid UTF-8 but never in a text file: it means UTF-16 without a BOM, or binary.
    if (text.slice(0, 8192).includes('\u0000')) return { ok: false, reason: `not a text file (${guess(bytes)})` };
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return { ok: false, reason: `not valid UTF-8 text (${guess(bytes)}; save it as UTF-8)` };
  }
}

/** A hint for the skip line, so a person knows what to convert from; never used to decode. */
function guess(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  let high = 0;
  for (const byte of sample) {
    if (byte === 0) zeros++;
    else if (byte >= 0x80) high++;
  }
  if (zeros > sample.length / 8) return 'looks like UTF-16 without a byte-order mark, or binary';
  if (high > 0) return 'looks like a legacy 8-bit encoding such as Latin-1 or Windows-1252';
  return 'unknown encoding';
}
