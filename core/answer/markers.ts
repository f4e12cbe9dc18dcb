/**
 * Citation markers in a model's answer. The model cites passages by their prompt number ("[3]",
 * "[1, 2]"); the answer cites by position in its own citation list, numbered in order of first
 * use, as the chat page and the OpenAI-compatible "Sources" list show them. Markers naming no
 * passage are removed. The rewrite runs on the token stream, so the streamed deltas and the final
 * answer are the same text. Code (`a[1]`, fenced blocks) is not prose: its brackets are left alone.
 */
const MARKER = /\s*\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]/g;
/** A tail that may still grow into a marker (or whitespace that may precede one), or a run of backticks: held back until it resolves. */
const PENDING = /(?:`+|\s*(?:\[[\d\s,;]{0,20})?)$/;

export class MarkerRewriter {
  private buffer = '';
  /** Passage numbers (1-based, as in the prompt) in order of first citation. */
  readonly cited: number[] = [];
  /** The backtick run that opened the code span or block the stream is in, if any. */
  private code: string | undefined;

  constructor(private readonly passageCount: number) {}

  /** Feed streamed text; returns what can be emitted now. */
  push(text: string): string {
    this.buffer += text;
    const hold = PENDING.exec(this.buffer)!;
    // A "[" followed by more than the pattern allows is plain text; only a short tail is held.
    const ready = this.buffer.slice(0, hold.index);
    this.buffer = this.buffer.slice(hold.index);
    return this.rewrite(ready);
  }

  /** The end of the stream: whatever was held back, resolved. */
  flush(): string {
    const rest = this.rewrite(this.buffer);
    this.buffer = '';
    return rest;
  }

  /** Markers in prose are rewritten; code spans (closed by the same backtick run, or for inline code a line end) and fenced blocks are kept as written. */
  private rewrite(text: string): string {
    return text
      .split(/(`+|\n)/)
      .map((part, i) => {
        if (i % 2 === 0) return this.code === undefined ? this.rewriteProse(part) : part;
        if (part === '\n') {
          if (this.code !== undefined && this.code.length < 3) this.code = undefined;
        } else if (this.code === undefined) this.code = part;
        else if (this.code === part) this.code = undefined;
        return part;
      })
      .join('');
  }

  private rewriteProse(text: string): string {
    return text.replace(MARKER, (whole, list: string) => {
      const numbers = list.split(/[,;]/).map((n) => Number(n.trim()));
      const valid = [...new Set(numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= this.passageCount))];
      if (valid.length === 0) return '';
      const lead = /^\s*/.exec(whole)![0];
      return lead + valid.map((n) => `[${this.position(n)}]`).join('');
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

/** The citation positions (1-based) named by markers in already-rewritten text. */
export function markersIn(text: string): number[] {
  return [...text.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
}

/** The text with every marker removed. */
export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').trim();
}
