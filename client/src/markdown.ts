import MarkdownIt from 'markdown-it';

/**
 * Answers' Markdown, made safe: raw HTML is escaped (`html: false`), links are kept only when they
 * are http(s) and open in a new tab without access to this page.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

md.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());
// An image loads by itself: a document that steers the model could make the page fetch a URL
// carrying the conversation. Without the rule, `![x](url)` shows as "!" and a plain link.
md.disable('image');

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** HTML for an answer; the only untrusted text this page ever turns into markup. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Markdown's words without its markup, on one line ("**Bold** [x](u)" → "Bold x"). */
export function plainText(markdown: string): string {
  return (new DOMParser().parseFromString(renderMarkdown(markdown), 'text/html').body.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Longest answer text read out to screen readers; the rest is on the page. */
const SPOKEN_CHARS = 400;

/** An answer as a screen reader should hear it: the words, not the Markdown, and not all 20,000 of them. */
export function spokenText(markdown: string): string {
  const text = plainText(markdown);
  if (text.length <= SPOKEN_CHARS) return text;
  const cut = text.slice(0, SPOKEN_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : SPOKEN_CHARS)} … (the full answer is on the page)`;
}
