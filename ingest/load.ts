import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export type Loaded = { ok: true; text: string; hash: string } | { ok: false; reason: string };

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Read a text file as strict UTF-8 (a BOM is dropped); anything else is a reason, not an exception. */
export async function loadText(absolute: string): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (err) {
    return { ok: false, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: `larger than ${MAX_FILE_BYTES} bytes` };
  const hash = createHash('sha256').update(bytes).digest('hex');
  try {
    return { ok: true, text: utf8.decode(bytes), hash };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}
