import { describe, expect, it } from 'vitest';
import { fencedLines } from './fences.js';

const kinds = (text: string) =>
  [...fencedLines(text)].map(([start, kind]) => `${text.slice(start).split('\n')[0]}=${kind}`);

describe('fencedLines', () => {
  it('marks the fences and the lines between them, not the prose around', () => {
    const text = 'Run this:\n\n```sh\nkestrelctl rerun <id>\nkestrelctl status\n```\n\nDone.';
    expect(kinds(text)).toEqual(['```sh=fence', 'kestrelctl rerun <id>=code', 'kestrelctl status=code', '```=fence']);
  });

  it('closes a block only with a fence of the same kind and at least its length', () => {
    const text = '````md\n```js\nx()\n```\n````\nprose';
    expect(kinds(text)).toEqual(['````md=fence', '```js=code', 'x()=code', '```=code', '````=fence']);
    expect(kinds('~~~\na\n```\n~~~\nb')).toEqual(['~~~=fence', 'a=code', '```=code', '~~~=fence']);
  });

  it('runs a block left open to the end of the text, and finds nothing in text without fences', () => {
    expect(kinds('Intro\n```\nmake all')).toEqual(['```=fence', 'make all=code']);
    expect(fencedLines('Plain text with `inline` code.').size).toBe(0);
  });
});
