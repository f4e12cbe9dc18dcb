import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { renderMarkdown } from './markdown.js';

/**
 * An answer's Markdown (rendered with raw HTML disabled, see markdown.ts), with the sentences no cited
 * passage supports marked in place where they appear verbatim.
 */
export function AnswerText({ text, unsupported }: { text: string; unsupported: readonly string[] | undefined }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (ref.current && unsupported?.length) markSentences(ref.current, unsupported);
  }, [html, unsupported]);
  return <div class="markdown" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Wrap the first verbatim occurrence of each sentence (within one text node) in a flag; text stays text. */
function markSentences(root: HTMLElement, sentences: readonly string[]): void {
  for (const sentence of sentences) {
    const needle = sentence.trim();
    if (!needle) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.parentElement?.closest('mark.unsupported')) continue;
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const match = node.splitText(at);
      match.splitText(needle.length);
      const mark = document.createElement('mark');
      mark.className = 'unsupported';
      mark.title = 'Not supported by the cited passages';
      match.replaceWith(mark);
      mark.append(match);
      break;
    }
  }
}
