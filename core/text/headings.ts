/**
 * Headings in extracted text: a Markdown heading ("## Rolling back"), a line in capitals
 * ("ROOT CAUSE"), or a short line standing alone between blank lines with no sentence end
 * ("How long we keep data", as Word and HTML headings come out of the loaders). A heading names
 * what follows; it states nothing, so it answers nothing.
 */

const MARKDOWN = /^#{1,6}\s/;
/** Words a title runs to at most; longer lines without a full stop are prose that forgot it. */
const TITLE_WORDS = 8;

/** A line in capitals, numbered or not ("ROOT CAUSE", "1. MINUTES OF THE LAST MEETING", "PRODUCT COUNCIL: MINUTES"); a table row is none. */
function inCapitals(line: string): boolean {
  const letters = line.replace(/^\d+[.)]\s+/, '').replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && !line.includes('|');
}

function standsAlone(lines: string[], i: number): boolean {
  const blank = (j: number) => j < 0 || j >= lines.length || lines[j]!.trim() === '';
  return blank(i - 1) && blank(i + 1);
}

/** Whether lines[i] is a heading. */
export function isHeading(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (line === '') return false;
  if (MARKDOWN.test(line) || inCapitals(line)) return true;
  // Table rows, records ("key: value") and list items are content, whatever their length.
  if (/\||:\s|^[-*+•]\s|^\d+[.)]\s/.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words <= TITLE_WORDS && !/[.!?;,:"”’]$/.test(line) && /^\p{Lu}/u.test(line) && standsAlone(lines, i);
}
