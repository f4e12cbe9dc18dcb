import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument, pieces, SentenceTextSplitter } from './split.js';

// Texts shaped like documents: words, sentence ends, abbreviations, blank lines, CRLF, very long words.
const token = fc.oneof(
  fc.constantFrom(
    'the',
    'Taliban',
    'Mr.',
    'Dr.',
    'U.S.',
    'said',
    '4,300',
    'fibre-optic',
    '“quoted.”',
    'Kabul',
    'é',
    '—',
  ),
  fc.stringMatching(/^[a-z]{1,12}$/),
  fc.constantFrom('.', '!', '?', ',', ';'),
  fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '\r\n', '\t'),
  fc.stringMatching(/^[a-z]{60,200}$/),
);
const documentText = fc
  .array(token, { minLength: 0, maxLength: 400 })
  .map((t) => t.join(' ').replace(/ ([.!?,;])/g, '$1'));
const settings = fc.record({
  chunkSize: fc.integer({ min: 40, max: 900 }),
  chunkOverlap: fc.integer({ min: 0, max: 30 }),
});

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('chunkDocument', () => {
  it("gives a chunk that opens among a table's rows the table's heading line", async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `| SETTING_${i} | ${i * 10} | what setting ${i} does to the server when it starts |`,
    );
    const text = [
      'Settings are read at start-up.',
      '',
      '| variable | default | meaning |',
      '| --- | --- | --- |',
      ...rows,
      '',
      'After the table.',
    ].join('\n');
    const chunks = await chunkDocument('settings.md', text, { chunkSize: 400, chunkOverlap: 0 });
    const later = chunks.filter((c) => c.text.startsWith('| SETTING_'));
    expect(later.length).toBeGreaterThan(2);
    for (const c of later) expect(c.tableHeading).toBe('| variable | default | meaning |');
    expect(chunks[0]!.tableHeading).toBeUndefined();
    expect(chunks.at(-1)!.text.startsWith('After') ? chunks.at(-1)!.tableHeading : undefined).toBeUndefined();
  });

  it('gives every chunk offsets and lines that map back to the exact text', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, settings, async (text, s) => {
        const chunks = await chunkDocument('doc.txt', text, s);
        for (const c of chunks) {
          expect(text.slice(c.startOffset, c.endOffset)).toBe(c.text);
          expect(c.startLine).toBe(lineOf(text, c.startOffset));
          expect(c.endLine).toBe(lineOf(text, c.endOffset - 1));
          expect(c.text.length).toBeGreaterThan(0);
          expect(c.text.length).toBeLessThanOrEqual(s.chunkSize);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('covers every non-blank character of the text, in order', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, settings, async (text, s) => {
        const chunks = await chunkDocument('doc.txt', text, s);
        const covered = new Uint8Array(text.length);
        let previousStart = -1;
        for (const c of chunks) {
          expect(c.startOffset).toBeGreaterThan(previousStart);
          previousStart = c.startOffset;
          covered.fill(1, c.startOffset, c.endOffset);
        }
        for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) expect(covered[i], `offset ${i}`).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('places chunks of repetitive text where they are, not at an earlier identical match', async () => {
    const text = `${'a'.repeat(28)}y${'a'.repeat(31)}`;
    const chunks = await chunkDocument('doc.txt', text, { chunkSize: 40, chunkOverlap: 0 });
    expect(chunks.map((c) => [c.startOffset, c.endOffset])).toEqual([
      [0, 40],
      [40, 60],
    ]);
  });

  it('ends chunks at sentence boundaries when sentences fit', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} talks about topic ${i}.`).join(' ');
    const chunks = await chunkDocument('doc.txt', text, { chunkSize: 200, chunkOverlap: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text).toMatch(/^Sentence number \d+/);
      expect(c.text).toMatch(/\.$/);
    }
  });
});

describe('pieces', () => {
  it('cover the text exactly', () => {
    fc.assert(
      fc.property(documentText, fc.integer({ min: 10, max: 300 }), (text, max) => {
        const out = pieces(text, max);
        expect(out.join('')).toBe(text);
        for (const p of out) expect(p.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('SentenceTextSplitter in a LangChain pipeline', () => {
  it('splits documents as chunkDocument does, and rejects an overlap as large as the chunk', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} has one sentence. And a second one here.`).join(
      '\n\n',
    );
    const settings = { chunkSize: 120, chunkOverlap: 20 };
    const docs = await new SentenceTextSplitter(settings).createDocuments([text]);
    const chunks = await chunkDocument('doc.txt', text, settings);
    expect(docs.map((d) => d.pageContent)).toEqual(chunks.map((c) => c.text));
    expect(() => new SentenceTextSplitter({ chunkSize: 100, chunkOverlap: 100 })).toThrow();
  });
});
