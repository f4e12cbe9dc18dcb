import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decode } from '../decode.js';
import { loadDocx } from './docx.js';
import { htmlToText } from './html.js';
import { loadMarkdown, markdownHeadings } from './markdown.js';
import { joinHyphenated, loadPdf, pageText } from './pdf.js';
import { loadPlainText } from './text.js';
import { recordFields } from '../../core/text/records.js';
import { jsonRecords, loadJson, loadJsonLines, numbersAsWritten, parseCsv, recordLine } from './records.js';

describe('decode', () => {
  it('reads UTF-8 with and without a BOM, and UTF-16 in both byte orders with one', () => {
    const text = 'Café – naïve';
    const le = Buffer.from(`\ufeff${text}`, 'utf16le');
    expect(decode(Buffer.from(text))).toMatchObject({ ok: true, text, encoding: 'utf-8' });
    expect(decode(Buffer.from(`\ufeff${text}`))).toMatchObject({ ok: true, text });
    expect(decode(le)).toMatchObject({ ok: true, text, encoding: 'utf-16le' });
    expect(decode(Buffer.from(le).swap16())).toMatchObject({ ok: true, text, encoding: 'utf-16be' });
  });

  it('reports other encodings instead of guessing', () => {
    expect(decode(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({
      ok: false,
      reason: expect.stringContaining('Latin-1'),
    });
    expect(decode(Buffer.from('hi there', 'utf16le'))).toEqual({
      ok: false,
      reason: expect.stringContaining('UTF-16 without a byte-order mark'),
    });
  });
});

describe('htmlToText', () => {
  it('keeps the main content, drops chrome, and records headings at their exact offsets', () => {
    const html = `<body><nav>Menu</nav><div class="c"><h2>Part  one</h2><p>Alpha <i>beta</i>.</p><ul><li>x</li><li>y</li></ul>
      <table><tr><td>a</td><td>b</td></tr></table><script>bad()</script><h3>Sub</h3><p>Gamma.</p></div><footer>F</footer></body>`;
    const r = htmlToText(html, 10_000, 'html');
    if (!r.ok) throw new Error(r.reason);
    expect(r.text).toBe('Part one\n\nAlpha beta.\n\nx\ny\n\na | b\n\nSub\n\nGamma.');
    for (const h of r.headings!) expect(r.text.slice(h.offset, h.offset + h.title.length)).toBe(h.title);
    expect(r.headings!.map((h) => [h.level, h.title])).toEqual([
      [2, 'Part one'],
      [3, 'Sub'],
    ]);
  });

  it('prefers <main> over the rest of the body and reports an empty page', () => {
    const r = htmlToText('<body><div>Sidebar junk</div><main><p>Real text.</p></main></body>', 1000, 'html');
    expect(r).toMatchObject({ ok: true, text: 'Real text.' });
    expect(htmlToText('<body><script>x()</script></body>', 1000, 'html')).toEqual({
      ok: false,
      reason: 'no readable text in the page',
    });
    expect(htmlToText(`<p>${'word '.repeat(500)}</p>`, 100, 'html')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('MAX_TEXT_CHARS'),
    });
  });
});

describe('markdownHeadings', () => {
  it('finds ATX and setext headings, not # lines in code', () => {
    const md = 'Title\n=====\n\n```sh\n# not a heading\n```\n\n## Real\r\ntext\n';
    expect(markdownHeadings(md)).toEqual([
      { offset: 0, level: 1, title: 'Title' },
      { offset: md.indexOf('## Real'), level: 2, title: 'Real' },
    ]);
  });

  it('names a section by its words, not its inline markup', () => {
    expect(
      markdownHeadings('## Install *fast* with `make` from [the site](https://x.org)\n').map((h) => h.title),
    ).toEqual(['Install fast with make from the site']);
  });
});

describe('records', () => {
  it('parses quoted CSV fields with delimiters, quotes and line breaks, and detects ; and tab', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
    expect(parseCsv('a;b\r\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('turns JSON into one readable record per line', () => {
    expect(
      jsonRecords([
        { name: 'Ada', tags: ['x', 'y'] },
        { name: 'Bo', address: { city: 'Oslo' } },
      ]).map(recordLine),
    ).toEqual(['name: Ada; tags: x, y', 'name: Bo; address.city: Oslo']);
    expect(jsonRecords({ team: 'core', people: [{ name: 'Ada' }] }).map(recordLine)).toEqual([
      'team: core',
      'name: Ada',
    ]);
    expect(jsonRecords(42).map(recordLine)).toEqual(['42']);
  });

  it('keeps numbers as the JSON writes them: a price keeps its pence', async () => {
    const json = '[{"item": "Term of clubs", "price": 16.50, "places": 20, "note": "was 15.00", "scale": 1e3}]';
    expect(await loadJson(Buffer.from(json), { maxTextChars: 1000 })).toMatchObject({
      ok: true,
      text: 'item: Term of clubs; price: 16.50; places: 20; note: was 15.00; scale: 1e3',
    });
    expect(await loadJsonLines(Buffer.from('{"price": 2.10}\n{"price": 3}'), { maxTextChars: 1000 })).toMatchObject({
      ok: true,
      text: 'price: 2.10\nprice: 3',
    });
    // Strings pass untouched, and invalid JSON stays invalid.
    expect(numbersAsWritten('{"s": "a \\"1.50\\" 2.0", "n": 1.50}')).toBe('{"s": "a \\"1.50\\" 2.0", "n": "1.50"}');
    expect(await loadJson(Buffer.from('{"bad": 01}'), { maxTextChars: 1000 })).toMatchObject({ ok: false });
  });

  it('writes records the answerer reads back field by field (core/text/records.ts)', () => {
    const record = { name: 'Grace Hopper', role: 'admiral', 'address.city': 'New York' };
    expect(recordFields(recordLine(record)).map((f) => [f.key, f.value.text])).toEqual(Object.entries(record));
  });
});

describe('pageText', () => {
  it('joins pdf.js items into lines and trims the page', () => {
    expect(
      pageText([
        { str: 'Hello', hasEOL: false },
        { str: ' world.', hasEOL: true },
        { str: 'Next ', hasEOL: true },
        { str: '', hasEOL: true },
        { str: '', hasEOL: true },
        { str: 'End', hasEOL: true },
      ]),
    ).toBe('Hello world.\nNext\n\nEnd');
  });
});

describe('loader fixes', () => {
  it('keeps headers and footers inside article/main/section, drops page chrome', () => {
    const html = `<body><header>Site logo</header><article><header><h1>Glacier Report</h1><p class="byline">By Ingrid Holm</p></header>
      <p>Body.</p><section><header><h2>Data</h2></header><p>More.</p><footer>Section note.</footer></section></article><footer>Copyright</footer></body>`;
    const r = htmlToText(html, 10_000, 'html');
    if (!r.ok) throw new Error(r.reason);
    expect(r.text).toBe('Glacier Report\n\nBy Ingrid Holm\n\nBody.\n\nData\n\nMore.\n\nSection note.');
    expect(r.headings!.map((h) => [h.level, h.title, r.text.slice(h.offset, h.offset + h.title.length)])).toEqual([
      [1, 'Glacier Report', 'Glacier Report'],
      [2, 'Data', 'Data'],
    ]);
    // Without article/main the body is read, and its page header and footer are still chrome.
    expect(
      htmlToText('<body><header>Logo</header><div><p>Text.</p></div><footer>F</footer></body>', 1000, 'html'),
    ).toMatchObject({ ok: true, text: 'Text.' });
  });

  it('keeps one line per table row when cells hold paragraphs (HTML and Word)', async () => {
    const html =
      '<p>Staff</p><table><tr><th><p>Name</p></th><th><p>Role</p></th></tr><tr><td><p>Oskar Lindqvist</p></td><td><p>Night supervisor</p><p>since <b>2020</b></p><h3>x</h3></td></tr></table><p>After.</p>';
    const expected = 'Staff\n\nName | Role\nOskar Lindqvist | Night supervisor since 2020 x\n\nAfter.';
    expect(htmlToText(`<body>${html}</body>`, 1000, 'html')).toEqual({
      ok: true,
      format: 'html',
      text: expected,
      headings: [],
    });

    const cell = (...texts: string[]) => new TableCell({ children: texts.map((t) => new Paragraph(t)) });
    const table = new Table({
      rows: [
        new TableRow({ children: [cell('Name'), cell('Role')] }),
        new TableRow({ children: [cell('Oskar Lindqvist'), cell('Night supervisor')] }),
      ],
    });
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Staff'), table] }] }));
    expect(await loadDocx(docx, { maxTextChars: 1000 })).toMatchObject({
      ok: true,
      text: 'Staff\n\nName | Role\nOskar Lindqvist | Night supervisor',
    });
  });

  it('does not read YAML front matter as a heading, and leaves the text as written', async () => {
    const md = '---\ntitle: Release notes\r\nauthor: Mira\n---\n\nIntro.\n\n# Install\n\nRun it.\n';
    const r = await loadMarkdown(Buffer.from(md), { maxTextChars: 1000 });
    expect(r).toEqual({
      ok: true,
      format: 'markdown',
      text: md,
      headings: [{ offset: md.indexOf('# Install'), level: 1, title: 'Install' }],
    });
    const crlf = '---\r\ntitle: x\r\n---\r\n\r\n# Real\r\n';
    expect(markdownHeadings(crlf)).toEqual([{ offset: crlf.indexOf('# Real'), level: 1, title: 'Real' }]);
    // A leading thematic break is not front matter: headings before the next --- are still found.
    expect(markdownHeadings('---\n# Title\n\nText.\n\n---\n').map((h) => h.title)).toEqual(['Title']);
    expect(markdownHeadings('---\n\nTitle\n=====\n').map((h) => h.title)).toEqual(['Title']);
  });

  it('rejoins words hyphenated at line ends in PDFs, keeping real compounds and pageStarts', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const pages = [
      ['The committee reviewed the infor-', 'mation about a well-', 'known policy.'],
      ['A well-known rule: Sep-', 'tember, not 2020-', 'made or Alpha-', 'Beta.'],
    ];
    for (const lines of pages) {
      const page = doc.addPage([500, 700]);
      lines.forEach((line, i) => page.drawText(line, { x: 40, y: 650 - i * 18, size: 11, font }));
    }
    const r = await loadPdf(await doc.save(), { maxTextChars: 10_000 });
    if (!r.ok) throw new Error(r.reason);
    const page1 = 'The committee reviewed the information about a well-known policy.';
    expect(r.text).toBe(`${page1}\n\nA well-known rule: September, not 2020-\nmade or Alpha-\nBeta.`);
    expect(r.pageStarts).toEqual([0, page1.length + 2]);
    expect(joinHyphenated(['a state-of-the-\nart tool, Well-\nknown and re-\n  read;', 'well-known'])).toEqual([
      'a state-of-the-art tool, Well-known and reread;',
      'well-known',
    ]);
  });

  it('turns lone CR line endings into LF (CRLF stays) so lines and markdown headings are found', async () => {
    expect(decode(Buffer.from('a\rb\r\nc\r'))).toMatchObject({ ok: true, text: 'a\nb\r\nc\n' });
    expect(await loadPlainText(Buffer.from('one\rtwo'), { maxTextChars: 100 })).toMatchObject({
      ok: true,
      text: 'one\ntwo',
    });
    const md = '# Alpha\r\rAlpha text.\r\r# Beta\r\rBeta text.\r';
    const r = await loadMarkdown(Buffer.from(md), { maxTextChars: 1000 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.text).toBe(md.replace(/\r/g, '\n'));
    expect(r.headings).toEqual([
      { offset: 0, level: 1, title: 'Alpha' },
      { offset: r.text.indexOf('# Beta'), level: 1, title: 'Beta' },
    ]);
    // markdownHeadings on raw text (not decoded) agrees: a lone CR ends a line there too.
    expect(markdownHeadings(md)).toEqual(r.headings);
  });
});
