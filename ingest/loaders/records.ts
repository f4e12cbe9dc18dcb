import { decode } from '../decode.js';
import { tooMuchText, type Loader, type LoadResult } from './types.js';

/** One record per line as "name: Ada; role: engineer", which reads well and retrieves well. */
export function recordLine(record: Record<string, string>): string {
  return Object.entries(record)
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => (k ? `${k}: ${v.replace(/\s+/g, ' ').trim()}` : v.replace(/\s+/g, ' ').trim()))
    .join('; ');
}

function joinRecords(lines: string[], maxChars: number, format: string, empty: string): LoadResult {
  const text = lines.filter((l) => l.length > 0).join('\n');
  if (text.length > maxChars) return tooMuchText(maxChars);
  if (!text) return { ok: false, reason: empty };
  return { ok: true, text, format };
}

export const loadCsv: Loader = async (bytes, ctx) => {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const rows = parseCsv(decoded.text);
  const [header, ...body] = rows;
  if (!header || body.length === 0) return { ok: false, reason: 'empty CSV (no header and data rows)' };
  const names = header.map((h, i) => h.trim() || `column ${i + 1}`);
  const lines = body.map((row) =>
    recordLine(Object.fromEntries(row.map((v, i) => [names[i] ?? `column ${i + 1}`, v]))),
  );
  return joinRecords(lines, ctx.maxTextChars, 'csv', 'empty CSV (no values)');
};

/** RFC 4180: quoted fields may hold the delimiter, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) (row.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      (row.push(field), (field = ''));
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

export const loadJson: Loader = async (bytes, ctx) => {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  let value: unknown;
  try {
    value = JSON.parse(numbersAsWritten(decoded.text));
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message}` };
  }
  return joinRecords(jsonRecords(value).map(recordLine), ctx.maxTextChars, 'json', 'empty JSON (no values)');
};

export const loadJsonLines: Loader = async (bytes, ctx) => {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const lines: string[] = [];
  for (const [i, line] of decoded.text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    try {
      lines.push(recordLine(flatten(JSON.parse(numbersAsWritten(line)))));
    } catch {
      return { ok: false, reason: `invalid JSON on line ${i + 1}` };
    }
  }
  return joinRecords(lines, ctx.maxTextChars, 'jsonl', 'empty JSON Lines file');
};

/** A number as JSON writes it (no leading zeros, so "01" stays invalid). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The JSON text with each number that parsing would rewrite ("16.50" read back as "16.5", "1e3" as "1000")
 * quoted as written, so a price keeps its pence. Strings are passed over whole; invalid JSON stays invalid.
 */
export function numbersAsWritten(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = /[-\d]/.test(ch) && !/[\w.]/.test(text[i - 1] ?? '') ? NUMBER.exec(text) : null;
    if (number) {
      const written = number[0];
      out += String(Number(written)) === written ? written : JSON.stringify(written);
      i += written.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** An array is a list of records; an object holding one array of records is that list; anything else is one record. */
export function jsonRecords(value: unknown): Record<string, string>[] {
  if (Array.isArray(value)) return value.map((v) => flatten(v));
  if (value && typeof value === 'object') {
    const arrays = Object.entries(value).filter(
      ([, v]) => Array.isArray(v) && v.some((x) => x && typeof x === 'object'),
    );
    if (arrays.length === 1) {
      const [key, list] = arrays[0]!;
      const rest = flatten(Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)));
      return [...(Object.keys(rest).length ? [rest] : []), ...(list as unknown[]).map((v) => flatten(v))];
    }
  }
  return [flatten(value)];
}

/** Nested keys as dotted paths ("address.city"), arrays of scalars as a comma list. */
export function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    out[prefix] = value.map(String).join(', ');
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = String(value);
  return out;
}
