import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownHeadings } from './loaders/markdown.js';
import { chunkDocument } from './split.js';
import { hardBreaks, pageAt, sectionAt } from './structure.js';

const md = `# Install\n\nIntro.\n\n## Linux\n\nUse apt.\n\n### Debian\n\nUse apt-get.\n\n## Windows\n\nRun setup.\n\n# Usage\n\nOpen it.\n`;

describe('sections and pages', () => {
  it('gives the heading path in force at an offset', () => {
    const headings = markdownHeadings(md);
    expect(sectionAt(headings, 0)).toBe('Install');
    expect(sectionAt(headings, md.indexOf('apt-get'))).toBe('Install > Linux > Debian');
    expect(sectionAt(headings, md.indexOf('Run setup'))).toBe('Install > Windows');
    expect(sectionAt(headings, md.indexOf('Open it'))).toBe('Usage');
    expect(sectionAt([{ offset: 10, level: 1, title: 'Late' }], 3)).toBeUndefined();
  });

  it('finds the page holding an offset', () => {
    expect([0, 9, 10, 25, 99].map((o) => pageAt([0, 10, 25], o))).toEqual([1, 1, 2, 3, 3]);
    expect(pageAt(undefined, 5)).toBeUndefined();
  });

  it('never lets a chunk span a heading or a page break', async () => {
    const chunks = await chunkDocument(
      'guide.md',
      md,
      { chunkSize: 500, chunkOverlap: 50 },
      { headings: markdownHeadings(md) },
    );
    expect(chunks.map((c) => [c.section, c.text])).toEqual([
      ['Install', '# Install\n\nIntro.'],
      ['Install > Linux', '## Linux\n\nUse apt.'],
      ['Install > Linux > Debian', '### Debian\n\nUse apt-get.'],
      ['Install > Windows', '## Windows\n\nRun setup.'],
      ['Usage', '# Usage\n\nOpen it.'],
    ]);
  });

  it('keeps exact offsets, one page and one section per chunk, for any structure', async () => {
    const arb = fc.record({
      paragraphs: fc.array(fc.stringMatching(/^[A-Za-z ,.]{1,120}$/), { minLength: 1, maxLength: 30 }),
      breaks: fc.array(fc.nat(), { maxLength: 8 }),
      size: fc.integer({ min: 40, max: 400 }),
      overlap: fc.integer({ min: 0, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ paragraphs, breaks, size, overlap }) => {
        const text = paragraphs.join('\n\n');
        const starts = [0, ...breaks.map((b) => b % text.length)].sort((a, b) => a - b);
        const headings = starts.slice(1).map((offset, i) => ({ offset, level: 1 + (i % 3), title: `H${i}` }));
        const structure = { pageStarts: [...new Set(starts)], headings };
        const cuts = hardBreaks(structure, text.length);
        for (const c of await chunkDocument('d.txt', text, { chunkSize: size, chunkOverlap: overlap }, structure)) {
          expect(text.slice(c.startOffset, c.endOffset)).toBe(c.text);
          expect(c.text.length).toBeLessThanOrEqual(size);
          expect(cuts.some((b) => b > c.startOffset && b < c.endOffset)).toBe(false);
          expect(c.page).toBe(pageAt(structure.pageStarts, c.endOffset - 1));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('preferred breaks', () => {
  it('ends a chunk at a blank line rather than mid-paragraph when the chunk is at least half full', async () => {
    const p1 = 'First paragraph sentence one. First paragraph sentence two. First paragraph three.';
    const p2 = 'Second paragraph opens here. It goes on for a while. And then some more words follow.';
    const text = `${p1}\n\n${p2}`;
    const chunks = await chunkDocument('d.txt', text, { chunkSize: 130, chunkOverlap: 30 }, undefined);
    expect(chunks[0]!.text).toBe(p1);
    // No overlap back across a paragraph break.
    expect(chunks[1]!.text.startsWith('Second paragraph')).toBe(true);
  });

  it('chunks a file with no newlines and very long words', async () => {
    const text = `${'lorem ipsum dolor sit amet '.repeat(400)}${'x'.repeat(3000)}`;
    const chunks = await chunkDocument('d.txt', text, { chunkSize: 500, chunkOverlap: 50 }, undefined);
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(500);
      expect(text.slice(c.startOffset, c.endOffset)).toBe(c.text);
    }
    // Where there are words, cuts fall between them, never inside one.
    const lorem = chunks.filter((c) => c.endOffset < 400 * 27 - 1);
    for (const c of lorem) expect(text[c.endOffset]).toBe(' ');
  });
});
