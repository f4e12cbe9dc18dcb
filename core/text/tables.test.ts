import { describe, expect, it } from 'vitest';
import { cellsOf, isSeparator, lineIndexAt, linesOf, tableHeadings } from './tables.js';

describe('tables', () => {
  it('maps each row of each table to its heading line, separators and prose excluded', () => {
    const text = [
      'Intro.',
      '| name | default |',
      '| --- | --- |',
      '| PORT | 3000 |',
      '| HOST | 127.0.0.1 |',
      '',
      'branch | opens',
      'Harbour | 8 am',
    ].join('\n');
    const lineAt = (offset: number) => text.slice(offset).split('\n')[0];
    const rows = [...tableHeadings(text)].map(([offset, heading]) => [lineAt(offset), heading]);
    expect(rows).toEqual([
      ['| PORT | 3000 |', '| name | default |'],
      ['| HOST | 127.0.0.1 |', '| name | default |'],
      ['Harbour | 8 am', 'branch | opens'],
    ]);
  });

  it('splits a row into cells that line up with the heading, values without code marks', () => {
    const line = { text: '| `PORT` |  | **3000** |', start: 10 };
    expect(cellsOf(line).map((c) => c.text)).toEqual(['PORT', '', '3000']);
    expect(cellsOf({ text: '| `CHUNK_SIZE` | `700` / `120` |', start: 0 }).map((c) => c.text)).toEqual([
      'CHUNK_SIZE',
      '`700` / `120`',
    ]);
    const [port] = cellsOf(line);
    expect(port).toMatchObject({ start: 13, end: 17 });
  });

  it('tells a separator line from a long run of spaces in time linear in its length', () => {
    for (const line of ['|---|:---:|', '| --- | --- |', '---', ' :---: | --- ', '|---|   '])
      expect(isSeparator(line), line).toBe(true);
    // Under a table's heading line (a blank line padded out in a PDF's text), 100,000 spaces took 6 s to refuse
    // when the check was quadratic. The bound is the size, not a clock: at 1,000,000 spaces a quadratic check
    // would run for about ten minutes and be stopped by the test timeout, a linear one takes milliseconds.
    const spaces = ' '.repeat(1_000_000);
    for (const line of [`${spaces}x`, `---${spaces}x`, `${spaces}| x`, `|${spaces}-- |`])
      expect(isSeparator(line)).toBe(false);
    expect(isSeparator(`${spaces}|---|${spaces}`)).toBe(true);
  });

  it('finds the line holding an offset', () => {
    const text = 'ab\n\ncd\nef';
    const lines = linesOf(text);
    expect([...text].map((_, i) => lineIndexAt(lines, i))).toEqual(
      [...text].map((_, i) => lines.findLastIndex((l) => l.start <= i)),
    );
    expect(lineIndexAt(lines, 0)).toBe(0);
    expect(lineIndexAt(lines, text.length)).toBe(3);
    expect(lineIndexAt([], 5)).toBe(-1);
  });
});
