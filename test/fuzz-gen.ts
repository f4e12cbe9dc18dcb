/**
 * Seeded generators for the reliability suite: the same seed gives the same requests and frames,
 * so a failure is replayed by running the file again with DOCQA_FUZZ_SEED set to the seed it printed.
 */
export type Rng = () => number;

/** mulberry32: small, fast, and good enough to spread inputs around. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Rng, n: number) => Math.floor(r() * n);
export const pick = <T>(r: Rng, items: readonly T[]): T => items[int(r, items.length)]!;
export const chance = (r: Rng, p: number) => r() < p;

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz ',
  '0123456789.-+eE',
  '{}[]":,\\/ \t\n',
  '%25%00%2e%2f%5c..//\\',
  'üñïçødé名前😀\u202e\u200b',
  '\u0000\u0001\u001f\u007f\r\n',
  `<>'"&;|$\`()*?!#`,
];

/** A string drawn from a few alphabets at once: text, numbers, JSON punctuation, encodings, Unicode, controls. */
export function junk(r: Rng, max = 40): string {
  const length = int(r, max + 1);
  const alphabet = [...(pick(r, ALPHABETS) + pick(r, ALPHABETS))];
  let out = '';
  for (let i = 0; i < length; i++) out += pick(r, alphabet);
  return out;
}

/** A JSON value of any shape, nested a little. */
export function jsonValue(r: Rng, depth = 0): unknown {
  switch (int(r, depth > 2 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return chance(r, 0.5);
    case 2:
      return pick(r, [0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 50, 51]);
    case 3:
    case 4:
      return junk(r);
    case 5:
      return Array.from({ length: int(r, 4) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: int(r, 4) }, () => [
          pick(r, ['question', 'k', 'history', 'stream', 'messages', 'model', 'type', 'id', junk(r, 8)]),
          jsonValue(r, depth + 1),
        ]),
      );
  }
}

/** Bodies shaped like the API's (an ask, a chat completion, a frame) with fields swapped for junk. */
export function nearlyValid(r: Rng): Record<string, unknown> {
  const shapes: (() => Record<string, unknown>)[] = [
    () => ({
      question: chance(r, 0.7) ? junk(r, 60) : jsonValue(r),
      ...(chance(r, 0.3) ? { k: jsonValue(r) } : {}),
      ...(chance(r, 0.3) ? { history: jsonValue(r) } : {}),
      ...(chance(r, 0.2) ? { stream: jsonValue(r) } : {}),
    }),
    () => ({
      model: jsonValue(r),
      messages: chance(r, 0.6)
        ? [{ role: pick(r, ['user', 'system', 'assistant', junk(r, 5)]), content: jsonValue(r) }]
        : jsonValue(r),
      stream: chance(r, 0.3),
    }),
    () => ({
      type: pick(r, ['ask', 'cancel', 'auth', junk(r, 6)]),
      id: chance(r, 0.8) ? junk(r, 20) : jsonValue(r),
      question: chance(r, 0.7) ? junk(r, 60) : jsonValue(r),
      apiKey: jsonValue(r),
    }),
  ];
  return pick(r, shapes)();
}

/** A multipart body, whole or broken in one of the ways a client or an attacker breaks them. */
export function multipartBody(r: Rng): { type: string; body: Buffer } {
  const boundary = chance(r, 0.9) ? `b${int(r, 1e9)}` : junk(r, 10);
  const name = pick(r, [
    'notes.txt',
    'a.md',
    '../../x.txt',
    'x\u0000.txt',
    '.hidden.txt',
    'C:\\w\\a.txt',
    junk(r, 20),
    'a.exe',
    'doc.pdf',
    'x.docx',
    '',
  ]);
  const field = pick(r, ['file', 'file', 'path', 'other', junk(r, 5)]);
  const content = chance(r, 0.5) ? junk(r, 200) : '%PDF-1.4 junk';
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${pick(r, ['text/plain', 'application/pdf', junk(r, 10)])}\r\n\r\n${content}\r\n`,
  ];
  if (chance(r, 0.3))
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="path"\r\n\r\n${pick(r, ['team', '../up', '/etc', '.git', junk(r, 20)])}\r\n`,
    );
  let body = parts.join('') + `--${boundary}--\r\n`;
  const breakage = int(r, 6);
  if (breakage === 0) body = body.slice(0, int(r, body.length)); // cut short
  if (breakage === 1) body = body.replace('Content-Disposition:', 'Content-Disposition'); // malformed header
  if (breakage === 2) body = '';
  const type = chance(r, 0.9)
    ? `multipart/form-data; boundary=${boundary}`
    : pick(r, ['multipart/form-data', 'multipart/mixed; boundary=x', `multipart/form-data; boundary="${boundary}"`]);
  return { type, body: Buffer.from(body, 'latin1') };
}
