import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A document as the index sees it: plain text (extracted, for converted formats) that chunk offsets point into. */
export type Loaded = { ok: true; text: string; hash: string; format: string } | { ok: false; reason: string };

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Read a document into the text its chunks and citations point into. The sources route reads
 * documents through here too, so the viewer shows exactly the text that was indexed.
 */
export async function loadDocument(absolute: string): Promise<Loaded> {
  return loadText(absolute);
}

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
    return { ok: true, text: utf8.decode(bytes), hash, format: 'text' };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}
