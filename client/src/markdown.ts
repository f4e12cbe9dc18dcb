import MarkdownIt from 'markdown-it';

/**
 * Answers' Markdown, made safe: raw HTML is escaped (`html: false`), links are kept only when they
 * are http(s) and open in a new tab without access to this page.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

md.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
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
