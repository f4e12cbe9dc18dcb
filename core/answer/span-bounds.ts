/** Where a candidate span starts and ends: trimmed of punctuation and articles, whole words, balanced brackets, within one field. */
import type { SpanType } from './candidates.js';
import { CURRENCY_CODES } from '../lang/en.js';

/**
 * Where one field of a line ends and the next begins: a table's bar, a label's colon ("Severity: Sev-2"),
 * a record's or clause's semicolon, a dash setting off a clause (" — "), or the run of spaces between columns aligned by hand ("kw-03        Tomasz Okafor     20 Mar 2025").
 */
const CROSSES_FIELDS = /\||[:;]\s|\s[–—]\s|\S(?: {2,}|\t)\S/;

/** Markdown's inline markers: a phrase holding one of a pair shows as "new **document" or "0` | `1". */
const MARKERS = ['`', '**', '__'];

/** Span types that hold whole words: a name or noun phrase, not a date or amount a pattern found inside one. */
const WHOLE_WORDS = new Set<SpanType>(['noun', 'proper', 'person', 'org', 'place', 'city', 'country']);

/** Drop surrounding punctuation (and Markdown markers), a possessive and leading articles, keeping offsets exact. */
const CURRENCY_CODE = new RegExp(`^(?:${CURRENCY_CODES})$`);

export function tidy(
  sentence: string,
  start: number,
  end: number,
  type: SpanType,
): { start: number; end: number } | undefined {
  let text = sentence.slice(start, end);
  // A minus before a temperature is its sign ("-41 °C"); any other dash opening a span is punctuation.
  const lead = text.length - text.replace(/^(?:[\s"'“‘(\[,;:.*_`|–—]|[-−](?!\d[\d.,]*\s?°))+/, '').length;
  text = text.slice(lead);
  start += lead;
  text = text.replace(/(?:['’]s)?[\s"'”’)\],;:.!?*_`|–—-]*$/, '');
  const article = /^(?:the|a|an)\s+/i.exec(text);
  if (article && text.length > article[0].length) {
    start += article[0].length;
    text = text.slice(article[0].length);
  }
  if (text.length === 0) return undefined;
  // A currency's code alone is the unit of an amount beside it ("GBP" of "GBP 1,000"), no name.
  if (CURRENCY_CODE.test(text)) return undefined;
  // A tagger may cut a hyphenated word ("deterministic" of "non-deterministic"): a name or noun phrase
  // holds whole words. A date or amount stays as found ("day" of "present-day" is no date to widen).
  if (!WHOLE_WORDS.has(type)) return balanced(sentence, start, start + text.length);
  const before = /[\p{L}\d]+(?:-[\p{L}\d]+)*-$/u.exec(sentence.slice(0, start))?.[0].length ?? 0;
  const after = /^(?:-[\p{L}\d]+)+/u.exec(sentence.slice(start + text.length))?.[0].length ?? 0;
  return balanced(sentence, start - before, start + text.length + after);
}

/**
 * A span with an opened and unclosed bracket takes in the closing one when it follows at once
 * ("Arg (Presidential Palace)"), else stops before the bracket; a stray closing bracket is cut
 * off with what precedes it. An answer never shows half a parenthesis. A span across fields (table
 * cells, "key: value", hand-aligned columns) or holding half a Markdown pair is none.
 */
export function balanced(sentence: string, start: number, end: number): { start: number; end: number } | undefined {
  const whole = sentence.slice(start, end);
  if (CROSSES_FIELDS.test(whole) || MARKERS.some((m) => whole.split(m).length % 2 === 0)) return undefined;
  for (const [open, close] of ['()', '[]']) {
    const text = sentence.slice(start, end);
    const opened = text.lastIndexOf(open!);
    if (opened >= 0 && text.indexOf(close!, opened) < 0) {
      if (sentence[end] === close) end += 1;
      else end = start + text.slice(0, opened).trimEnd().length;
    }
    const inner = sentence.slice(start, end);
    const closed = inner.indexOf(close!);
    // What follows the stray bracket starts at its first word ("[2.4.0] - 2025-05-06" is "2025-05-06", not "- 2025-05-06").
    if (closed >= 0 && inner.lastIndexOf(open!, closed) < 0)
      start = end - inner.slice(closed + 1).replace(/^[\s,;:.–—-]+/, '').length;
  }
  return end > start ? { start, end } : undefined;
}
