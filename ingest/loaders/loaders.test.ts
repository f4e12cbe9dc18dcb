import { describe, expect, it } from 'vitest';
import { decode } from '../decode.js';
import { htmlToText } from './html.js';
import { markdownHeadings } from './markdown.js';
import { pageText } from './pdf.js';
import { jsonRecords, parseCsv, recordLine } from './records.js';

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
    expect(decode(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({ ok: false, reason: expect.stringContaining('Latin-1') });
    expect(decode(Buffer.from('hi there', 'utf16le'))).toEqual({ ok: false, reason: expect.stringContaining('UTF-16 without a byte-order mark') });
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
    expect(r.headings!.map((h) => [h.level, h.title])).toEqual([[2, 'Part one'], [3, 'Sub']]);
  });

  it('prefers <main> over the rest of the body and reports an empty page', () => {
    const r = htmlToText('<body><div>Sidebar junk</div><main><p>Real text.</p></main></body>', 1000, 'html');
    expect(r).toMatchObject({ ok: true, text: 'Real text.' });
    expect(htmlToText('<body><script>x()</script></body>', 1000, 'html')).toEqual({ ok: false, reason: 'no readable text in the page' });
    expect(htmlToText(`<p>${'word '.repeat(500)}</p>`, 100, 'html')).toMatchObject({ ok: false, reason: expect.stringContaining('MAX_TEXT_CHARS') });
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
});

describe('records', () => {
  it('parses quoted CSV fields with delimiters, quotes and line breaks, and detects ; and tab', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n"multi\nline",z\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', 'z']]);
    expect(parseCsv('a;b\r\n1;2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('turns JSON into one readable record per line', () => {
    expect(jsonRecords([{ name: 'Ada', tags: ['x', 'y'] }, { name: 'Bo', address: { city: 'Oslo' } }]).map(recordLine)).toEqual([
      'name: Ada; tags: x, y',
      'name: Bo; address.city: Oslo',
    ]);
    expect(jsonRecords({ team: 'core', people: [{ name: 'Ada' }] }).map(recordLine)).toEqual(['team: core', 'name: Ada']);
    expect(jsonRecords(42).map(recordLine)).toEqual(['42']);
  });
});

describe('pageText', () => {
  it('joins pdf.js items into lines and trims the page', () => {
    expect(pageText([{ str: 'Hello', hasEOL: false }, { str: ' world.', hasEOL: true }, { str: 'Next ', hasEOL: true }, { str: '', hasEOL: true }, { str: '', hasEOL: true }, { str: 'End', hasEOL: true }])).toBe('Hello world.\nNext\n\nEnd');
  });
});
