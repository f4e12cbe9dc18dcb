/**
 * Fenced code blocks (``` or ~~~, Markdown's and most wikis'): their opening and closing lines
 * are markup, and the lines between are literals (a shell command, a config line), not prose.
 */

/** What a line of a fenced block is: the fence itself, or a line of code. */
export type FencedLine = 'fence' | 'code';

const FENCE = /^[ \t]*(`{3,}|~{3,})/;

/**
 * Each line inside a fenced block, by its start offset in the text. A block left open runs to the
 * end of the text (a chunk may end inside one); a chunk that opens inside a block cannot tell and
 * reads its lines as prose.
 */
export function fencedLines(text: string): Map<number, FencedLine> {
  const out = new Map<number, FencedLine>();
  if (!FENCE.test(text) && !/\n[ \t]*(?:```|~~~)/.test(text)) return out;
  let open: string | undefined;
  let start = 0;
  for (const line of text.split('\n')) {
    const fence = FENCE.exec(line)?.[1];
    if (open === undefined && fence) {
      open = fence;
      out.set(start, 'fence');
    } else if (
      open !== undefined &&
      fence &&
      fence[0] === open[0] &&
      fence.length >= open.length &&
      line.trim() === fence
    ) {
      open = undefined;
      out.set(start, 'fence');
    } else if (open !== undefined) out.set(start, 'code');
    start += line.length + 1;
  }
  return out;
}

/** A shell prompt before a command ("$ ", "> ", "PS> "): typed by nobody who copies the command. */
const PROMPT = /^(?:\$|>|#|PS>|PS [^>]*>)\s+/;

/** The command a line of code holds, without its prompt, with its offset in the line; none for a comment line ("# restart"). */
export function commandIn(line: string): { text: string; start: number } | undefined {
  const prompt = PROMPT.exec(line)?.[0].length ?? 0;
  if (prompt === 0 && /^\s*(?:#|\/\/|--|;)/.test(line)) return undefined;
  return { text: line.slice(prompt), start: prompt };
}
