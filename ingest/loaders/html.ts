import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import { decode } from '../decode.js';
import { tooMuchText, type Heading, type Loader, type LoadResult } from './types.js';

/** Never content: code, styling, and the navigation and chrome that repeats on every page of a site. */
const BOILERPLATE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'canvas',
  'form',
  'button',
  'select',
  'nav',
  'aside',
  'menu',
  '[role=navigation]',
  '[role=banner]',
  '[role=contentinfo]',
  '[role=complementary]',
  '[aria-hidden=true]',
  '[hidden]',
].join(',');
const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
  'details',
  'summary',
]);
/**
 * A <header>/<footer> inside these belongs to the content (an article's title and byline, a
 * section's heading); only those outside them are the site's chrome.
 */
const CONTENT = 'article, main, section, [role=main]';
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dl',
  'figure',
  'section',
  'article',
]);

export const loadHtml: Loader = async (bytes, ctx) => {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  return htmlToText(decoded.text, ctx.maxTextChars, 'html');
};

/**
 * The readable text of a page: the <main>/<article> when there is one, else the body, without
 * boilerplate; blocks on their own lines, paragraphs separated by a blank line, headings recorded
 * so chunks and citations can name their section.
 */
export function htmlToText(html: string, maxChars: number, format: string): LoadResult {
  const $ = cheerio.load(html);
  $(BOILERPLATE).remove();
  $('header, footer')
    .filter((_, el) => $(el).parents(CONTENT).length === 0)
    .remove();
  const main = $('main, article, [role=main]').first();
  const roots: AnyNode[] =
    main.length > 0 ? main.toArray() : $('body').length > 0 ? $('body').toArray() : $.root().toArray();
  const out = new TextBuilder(maxChars);
  for (const node of roots) out.visit(node);
  if (out.overflow) return tooMuchText(maxChars);
  const text = out.finish();
  if (!text.trim()) return { ok: false, reason: 'no readable text in the page' };
  return { ok: true, text, format, headings: out.headings };
}

class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  /** Newlines owed before the next text: 1 after a block, 2 after a paragraph. */
  private pendingBreak = 0;
  /** Inside a table cell (counted, for nested tables): blocks there must not break the row's line. */
  private cellDepth = 0;
  readonly headings: Heading[] = [];
  overflow = false;

  constructor(private readonly maxChars: number) {}

  visit(node: AnyNode): void {
    if (this.overflow) return;
    if (node.type === 'text') return this.write((node as unknown as { data: string }).data.replace(/\s+/g, ' '));
    if (node.type !== 'tag' && node.type !== 'root') return;
    const el = node as Element;
    const name = node.type === 'tag' ? el.name.toLowerCase() : '';
    if (this.cellDepth > 0 && BLOCK.has(name)) return this.inCellBlock(el);
    if (name === 'pre') return this.block(name, () => this.write(textContent(el).replace(/\r/g, '')));
    const heading = /^h([1-6])$/.exec(name);
    if (heading) return this.block(name, () => this.heading(Number(heading[1]), el));
    if (BLOCK.has(name)) return this.block(name, () => el.children.forEach((c) => this.visit(c)));
    const cell = name === 'td' || name === 'th';
    if (cell && this.length > 0 && this.pendingBreak === 0) this.write(' | ');
    if (cell) this.cellDepth++;
    (el.children ?? []).forEach((c) => this.visit(c));
    if (cell) this.cellDepth--;
  }

  /**
   * A paragraph, list or heading inside a cell (Word puts every cell's text in a <p>) is set off by
   * spaces, not line breaks, so the row stays one "a | b" line. Such headings are not recorded:
   * a heading's offset must start its line.
   */
  private inCellBlock(el: Element): void {
    this.write(' ');
    el.children.forEach((c) => this.visit(c));
    this.write(' ');
  }

  private heading(level: number, el: Element): void {
    const title = textContent(el).replace(/\s+/g, ' ').trim();
    if (!title) return;
    this.flushBreak();
    this.headings.push({ offset: this.length, level, title });
    this.write(title);
  }

  private block(name: string, inner: () => void): void {
    this.breakAtLeast(PARAGRAPH.has(name) ? 2 : 1);
    inner();
    this.breakAtLeast(PARAGRAPH.has(name) ? 2 : 1);
  }

  private breakAtLeast(n: number): void {
    if (this.length > 0) this.pendingBreak = Math.max(this.pendingBreak, n);
  }

  private flushBreak(): void {
    if (this.pendingBreak > 0 && this.length > 0) {
      // Trim before breaking (not in finish) so recorded heading offsets stay exact.
      const last = this.parts.pop() ?? '';
      const trimmed = last.replace(/ +$/, '');
      this.length -= last.length - trimmed.length;
      this.parts.push(trimmed);
      this.append('\n'.repeat(this.pendingBreak));
    }
    this.pendingBreak = 0;
  }

  private write(raw: string): void {
    // Leading spaces of a line carry nothing; collapsed inner whitespace keeps words apart.
    const text = this.pendingBreak > 0 || this.length === 0 || this.endsWithSpace() ? raw.replace(/^ +/, '') : raw;
    if (!text) return;
    this.flushBreak();
    this.append(text);
  }

  private endsWithSpace(): boolean {
    const last = this.parts[this.parts.length - 1] ?? '';
    return /[ \n]$/.test(last);
  }

  private append(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.length > this.maxChars) this.overflow = true;
  }

  finish(): string {
    return this.parts.join('').trimEnd();
  }
}
