import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/paths.js';
import { lineFeeds } from '../decode.js';
import { blankFrontMatter, markdownHeadings } from './markdown.js';

/** What markdownHeadings returned when it parsed the whole document, inline pass included. */
function fullParseHeadings(text: string) {
  const source = blankFrontMatter(lineFeeds(text));
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const tokens = new MarkdownIt().parse(source, {});
  const plain = (inline: Token | undefined) => {
    const words = (inline?.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline');
    return (words.length > 0 ? words.map((c) => c.content).join('') : (inline?.content ?? ''))
      .replace(/\s+/g, ' ')
      .trim();
  };
  return tokens.flatMap((token, i) => {
    if (token.type !== 'heading_open' || !token.map) return [];
    const title = plain(tokens[i + 1]);
    const offset = lineStarts[token.map[0]];
    return title && offset !== undefined ? [{ offset, level: Number(token.tag.slice(1)), title }] : [];
  });
}

const AWKWARD = [
  '# Plain\n\nText.\n\n## Second *emph* and `code` and [a link](https://x.org)\n',
  '[ref]: https://example.org\n\n# See [ref] and [other]\n\n## \\# escaped \\* marks &amp; entities &copy;\n',
  'Setext title\nover two lines\n==============\n\nBody\n\nSub\n---\n',
  '```\n# not a heading\n```\n\n    # indented code\n\n> # quoted heading\n\n- # list heading\n',
  '---\ntitle: x\n---\n# After front matter\r\n\r\nText\r# Lone CR heading\r',
  '#\n\n# \n\n####### seven\n\n#No space\n\n# Closing hashes ##\n\n<h1>html</h1>\n\n# ![image alt](x.png) text\n',
  '# Ünïcödé 東京 🙂\u0000 null\n\n# **bold _nested_** ~~strike~~ <span>html</span> https://auto.link\n',
];

function markdownFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', '.git', 'scratch', '.eval'].includes(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(ROOT);
  return out;
}

describe('markdownHeadings', () => {
  it('finds the same headings and titles as a full parse, inline pass and all', () => {
    const texts = [...AWKWARD, ...markdownFiles()];
    expect(texts.length).toBeGreaterThan(20);
    let headings = 0;
    for (const text of texts) {
      const expected = fullParseHeadings(text);
      headings += expected.length;
      expect(markdownHeadings(text)).toEqual(expected);
    }
    expect(headings).toBeGreaterThan(100);
  });
});
