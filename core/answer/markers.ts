import { CodeSpans, proseOnly } from './code-spans.js';

/**
 * Citation markers in a model's answer. The model cites passages by their prompt number ("[3]",
 * "[1, 2]"); the answer cites by position in its own citation list, numbered in order of first
 * use, as the chat page and the OpenAI-compatible "Sources" list show them. Markers naming no
 * passage are removed. The rewrite runs on the token stream, so the streamed deltas and the final
 * answer are the same text. Code (`a[1]`, fenced blocks) is not prose: its brackets are left alone.
 *
 * Models do not all write "[n]": ranges ("[1-2]"), the passage named ("[Document 1]", "[Doc 1]",
 * "[Passage 1]", "[Source 1]"), footnotes ("[^1]") and CJK brackets ("【1】") are read the same way
 * and rewritten to "[n]", the one form the rest of the code (support check, clients) knows.
 */
const NAME = String.raw`(?:(?:documents?|docs?\.?|passages?|sources?)\s*)?`;
const ITEM = String.raw`${NAME}\d{1,3}(?:\s*[-–]\s*\d{1,3})?`;
const LIST = String.raw`${ITEM}(?:\s*[,;]\s*${ITEM})*`;
const MARKER = new RegExp(String.raw`\s*(?:\[\s*\^?\s*(${LIST})\s*\]|【\s*(${LIST})\s*】)`, 'gi');
/** What may still grow into a marker: its opening, whole items and separators, then part of a name, a number or a range. */
const MARKER_START = String.raw`(?:\[\s*\^?|【)\s*(?:${ITEM}\s*[,;]\s*)*(?:[a-z]{1,9}\.?\s*)?(?:\d{1,3}(?:\s*[-–]\s*\d{0,3})?)?\s*`;
/** Longer "markers" ("[1, 2, 3, …" on and on) are text: the stream would otherwise hold them back indefinitely. */
const MAX_MARKER = 60;
/** A tail that may still grow into a marker (or whitespace that may precede one), or a run of backticks: held back until it resolves. */
const PENDING = new RegExp(String.raw`(?:\`+|\s*(?:${MARKER_START})?)$`, 'i');

export class MarkerRewriter {
  private buffer = '';
  /** Passage numbers (1-based, as in the prompt) in order of first citation. */
  readonly cited: number[] = [];
  /** Where the stream is: prose, or inside a code span or block. */
  private readonly code = new CodeSpans();

  constructor(private readonly passageCount: number) {}

  /** Feed streamed text; returns what can be emitted now. */
  push(text: string): string {
    this.buffer += text;
    const hold = PENDING.exec(this.buffer)!;
    // A "[" followed by more than the pattern allows is plain text; only a short tail is held.
    const at = hold[0].trimStart().length > MAX_MARKER ? this.buffer.length : hold.index;
    const ready = this.buffer.slice(0, at);
    this.buffer = this.buffer.slice(at);
    return this.rewrite(ready);
  }

  /** The end of the stream: whatever was held back, resolved. */
  flush(): string {
    const rest = this.rewrite(this.buffer);
    this.buffer = '';
    return rest;
  }

  /** Markers in prose are rewritten; code spans and fenced blocks are kept as written (see code-spans.ts). */
  private rewrite(text: string): string {
    return this.code
      .split(text)
      .map((piece) => (piece.prose ? this.rewriteProse(piece.text) : piece.text))
      .join('');
  }

  private rewriteProse(text: string): string {
    return text.replace(MARKER, (whole, bracketed: string | undefined, cjk: string | undefined) => {
      if (whole.trimStart().length > MAX_MARKER) return whole;
      const valid = [...new Set(this.passagesNamed(bracketed ?? cjk ?? ''))];
      if (valid.length === 0) return '';
      const lead = /^\s*/.exec(whole)![0];
      return lead + valid.map((n) => `[${this.position(n)}]`).join('');
    });
  }

  /** The passages a marker's list names ("1, 3", "Doc 2", "1-3"), in order, leaving out numbers no passage has. */
  private passagesNamed(list: string): number[] {
    return list.split(/[,;]/).flatMap((item) => {
      const [a, b = a] = (item.match(/\d+/g) ?? []).map(Number);
      if (a === undefined || b === undefined) return [];
      const from = Math.max(1, Math.min(a, b));
      const to = Math.min(this.passageCount, Math.max(a, b));
      return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    });
  }

  private position(passage: number): number {
    let at = this.cited.indexOf(passage);
    if (at < 0) at = this.cited.push(passage) - 1;
    return at + 1;
  }
}

/** Rewrite a whole text at once (history turns, tests). */
export function rewriteMarkers(text: string, passageCount: number): { text: string; cited: number[] } {
  const rewriter = new MarkerRewriter(passageCount);
  const out = rewriter.push(text) + rewriter.flush();
  return { text: out, cited: rewriter.cited };
}

/** The citation positions (1-based) named by markers in already-rewritten text; brackets in code are not markers. */
export function markersIn(text: string): number[] {
  return [...proseOnly(text).matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
}

/** The text with every marker in its prose removed. */
export function stripMarkers(text: string): string {
  return new CodeSpans()
    .split(text)
    .map((piece) => (piece.prose ? piece.text.replace(MARKER, '') : piece.text))
    .join('')
    .trim();
}
