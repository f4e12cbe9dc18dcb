import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { decode, lineFeeds } from '../decode.js';
import type { Heading, Loader } from './types.js';

const md = new MarkdownIt();
/**
 * The same parser without its inline pass: only headings' titles need their inline markup read
 * (with `md`, sharing the block pass's link references), not every paragraph's; on a Markdown corpus
 * the inline pass was most of the parse. markdown.test.ts compares the result with a full parse.
 */
const blocks = new MarkdownIt();
blocks.core.ruler.disable(['inline', 'text_join']);

/**
 * Markdown stays as written (line numbers match the file a person opens); markdown-it finds the
 * headings, so `#` inside code fences and setext headings are told apart correctly.
 */
export const loadMarkdown: Loader = async (bytes) => {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  return { ok: true, text, format: 'markdown', headings: markdownHeadings(text) };
};

export function markdownHeadings(text: string): Heading[] {
  // Same length as `text`, so offsets found in it are offsets into `text`. A lone CR ends a line,
  // as in decode (and markdown-it): as LF the line index below counts it too.
  const source = blankFrontMatter(lineFeeds(text));
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const env = {};
  const tokens = blocks.parse(source, env);
  const out: Heading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open' || !token.map) return;
    const inline = tokens[i + 1];
    const title = plainTitle(inline && md.parseInline(inline.content, env)[0]);
    const offset = lineStarts[token.map[0]];
    if (title && offset !== undefined) out.push({ offset, level: Number(token.tag.slice(1)), title });
  });
  return out;
}

/** A heading's words without their inline markup: "Install *fast* with `make`" is "Install fast with make". */
function plainTitle(inline: Token | undefined): string {
  const words = (inline?.children ?? [])
    .filter((c) => c.type === 'text' || c.type === 'code_inline')
    .map((c) => c.content);
  return (words.length > 0 ? words.join('') : (inline?.content ?? '')).replace(/\s+/g, ' ').trim();
}

/**
 * YAML front matter (`---` on the first line up to the next `---` or `...` line) is metadata, not
 * Markdown: markdown-it reads it as a setext heading (`title: x` underlined by `---`). Blank it out,
 * keeping every line break so line numbers and offsets do not move.
 */
export function blankFrontMatter(text: string): string {
  const end = frontMatterEnd(text);
  return end === 0 ? text : text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

/**
 * Where front matter ends (0: none). It must open with a `key:` line (or be empty), so a document
 * that merely starts with a thematic break (`---`) keeps the headings before its next one.
 */
function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return 0;
  const body = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*\r?$/m.exec(body);
  if (!close) return 0;
  const startsWithKey = close.index === 0 || /^[\w"'][^:\r\n]*:(?:[ \t]|\r?$)/m.exec(body)?.index === 0;
  return startsWithKey ? open[0].length + close.index + close[0].length : 0;
}
