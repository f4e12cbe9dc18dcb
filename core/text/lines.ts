/** 1-based index of the last start at or before `offset` (starts ascending, the first at or before any offset asked). */
export function ordinalAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Maps character offsets to 1-based line numbers by binary search over line starts. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The 1-based line holding the character at `offset`. */
  lineOf(offset: number): number {
    return ordinalAt(this.starts, offset);
  }
}

/**
 * A phrase wrapped over lines, read as one line: each line break, with the spaces around it and the
 * quote markers opening the next line of a quoted e-mail ("Carrow\n> Street"), is one space.
 */
export function asOneLine(text: string): string {
  return text.replace(/\s*\n(?:[ \t]*>)*\s*/g, ' ');
}

/** The text with each line's quote markers ("> ", ">> ") read as spaces: same length, so offsets hold. */
export function withoutQuoteMarkers(text: string): string {
  return text.replace(/(?:^|(?<=\n))[ \t]*(?:>[ \t]?)+/g, (m) => ' '.repeat(m.length));
}
