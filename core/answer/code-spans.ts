/**
 * Code in a model's answer is not prose: `rows[3]` indexes an array, it cites nothing. An inline
 * code span runs to the same run of backticks that opened it, or to the line end (a model that
 * forgets to close one must not turn the rest of its answer into code); a fenced block (three or
 * more backticks) runs to the same fence. One reading of code for everything that looks for
 * citation markers: the stream's rewrite and the support check must agree on what is code.
 */
export interface Piece {
  text: string;
  /** False for code, and for the backtick runs and line breaks that open and close it. */
  prose: boolean;
}

/**
 * Reads text piece by piece, remembering an open span or block between pieces, so a stream can be
 * fed as it arrives (as long as no piece ends inside a run of backticks).
 */
export class CodeSpans {
  /** The backtick run that opened the span or block being read, if any. */
  private opened: string | undefined;

  split(text: string): Piece[] {
    return text.split(/(`+|\n)/).map((part, i) => {
      if (i % 2 === 0) return { text: part, prose: this.opened === undefined };
      if (part === '\n') {
        if (this.opened !== undefined && this.opened.length < 3) this.opened = undefined;
      } else if (this.opened === undefined) this.opened = part;
      else if (this.opened === part) this.opened = undefined;
      return { text: part, prose: false };
    });
  }
}

/** A whole text with its code (backticks included) blanked to spaces: same length and offsets, so what is found in it can be located in the original. */
export function proseOnly(text: string): string {
  return new CodeSpans()
    .split(text)
    .map((p) => (p.prose ? p.text : p.text.replace(/[^\n]/g, ' ')))
    .join('');
}
