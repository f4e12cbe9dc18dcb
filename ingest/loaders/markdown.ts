import MarkdownIt from 'markdown-it';
import { decode } from '../decode.js';
import type { Heading, Loader } from './types.js';

const md = new MarkdownIt();

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
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  // markdown-it reads a lone CR as a line break; the line index below counts only LF.
  const tokens = md.parse(text.replace(/\r(?!\n)/g, ' '), {});
  const out: Heading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open' || !token.map) return;
    const title = tokens[i + 1]?.content.trim() ?? '';
    const offset = lineStarts[token.map[0]];
    if (title && offset !== undefined) out.push({ offset, level: Number(token.tag.slice(1)), title });
  });
  return out;
}
