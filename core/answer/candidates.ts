import nlp from 'compromise';
import { memoByText } from '../text/memo.js';
import { withoutQuoteMarkers } from '../text/lines.js';
import {
  BARE_UNIT,
  CALENDAR_WORD,
  DAY_OF_MONTH,
  IDENTIFIER,
  NOT_AN_AMOUNT,
  REGEX_SPANS,
  ROLE,
  TIME_PATTERN,
  ZONE_ALONE,
} from './span-patterns.js';
import { tidy } from './span-bounds.js';

export { saysClockTime } from './span-patterns.js';
export { balanced } from './span-bounds.js';

export type SpanType =
  | 'person'
  | 'org'
  | 'place'
  | 'city'
  | 'country'
  | 'proper'
  | 'date'
  | 'number'
  | 'noun'
  | 'code'
  | 'path'
  | 'id'
  | 'role'
  | 'phone';

/** A phrase of a sentence that might answer a question; offsets are within the sentence. */
export interface Candidate {
  text: string;
  start: number;
  end: number;
  types: Set<SpanType>;
}

/** An inline code span of one backtick run: its contents are the literal. */
const INLINE_CODE = /(`+)([^`\n]+)\1(?!`)/g;
/** A web address, to its last character that is no punctuation. */
const URL = /\bhttps?:\/\/[^\s<>"'`|]*[^\s<>"'`|.,;:!?)\]]/g;
/** A file or folder path, or a file name with an extension ("/var/log/app.log", "C:\\Data", "relay.toml"). */
const PATH = /^(?:~|\.{1,2}|[A-Za-z]:)?[\\/]\S|^[\w.-]+\.[A-Za-z]\w{0,4}$/;

const SLICES: [string, SpanType][] = [
  ['people', 'person'],
  ['organizations', 'org'],
  ['places', 'place'],
  ['nouns', 'noun'],
];

/**
 * Typed candidate spans of one sentence, from compromise's taggers and a few date and number
 * patterns. Tagging is nearly all of an answer's time, so results are remembered per sentence;
 * callers must not change them.
 */
export const candidates: (sentence: string) => readonly Readonly<Candidate>[] = memoByText(findCandidates, 5_000);

/**
 * A list or section number opening a sentence ("3.1  Customer invoices are kept ...", "2. Run the
 * installer"): the item's label, not a value the sentence states. A number then a lowercase word
 * ("3.5 million people") is a value and stays.
 */
const OUTLINE_LABEL = /^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s+(?=[\p{Lu}`*_"'“(\[])/u;

function findCandidates(original: string): Candidate[] {
  // The label is read as spaces (same length, so offsets hold); spans are cut from the original.
  const label = OUTLINE_LABEL.exec(original)?.[0].length ?? 0;
  // A quoted e-mail's markers too: "Carrow\n> Street" is one name.
  const sentence = withoutQuoteMarkers(' '.repeat(label) + original.slice(label));
  const byRange = new Map<string, Candidate>();
  const add = (start: number, end: number, type: SpanType) => {
    const range = tidy(sentence, start, end, type);
    if (!range) return;
    const key = `${range.start}:${range.end}`;
    const existing = byRange.get(key);
    if (existing) existing.types.add(type);
    else byRange.set(key, { text: original.slice(range.start, range.end), ...range, types: new Set([type]) });
  };
  const doc = nlp(sentence);
  type Match = { offset: { start: number; length: number } };
  const spansOf = (view: { json: (o: object) => Match[] }) =>
    view.json({ offset: true }).map((m) => [m.offset.start, m.offset.start + m.offset.length] as const);
  for (const [method, type] of SLICES) {
    const view = (doc as unknown as Record<string, () => { json: (o: object) => Match[] }>)[method]!();
    for (const [s, e] of spansOf(view)) add(s, e, type);
  }
  for (const [s, e] of spansOf(doc.match('#Date+'))) add(s, e, 'date');
  for (const [s, e] of spansOf(doc.match('#City+'))) add(s, e, 'city');
  for (const [s, e] of spansOf(doc.match('#Country+'))) add(s, e, 'country');
  for (const [s, e] of spansOf(doc.match('#Value+ #Noun?'))) add(s, e, 'number');
  for (const [s, e] of spansOf(doc.match('#ProperNoun+'))) add(s, e, 'proper');
  for (const [pattern, type] of REGEX_SPANS)
    for (const m of sentence.matchAll(pattern)) add(m.index, m.index + m[0].length, type);
  // Inline code is a literal: a command, setting or file, whole as written ("./install.sh", "--force").
  for (const m of sentence.matchAll(INLINE_CODE)) {
    const start = m.index + m[1]!.length;
    const text = m[2]!;
    if (!text.trim() || text.includes('|') || text.trim() !== text) continue;
    const key = `${start}:${start + text.length}`;
    const found = byRange.get(key) ?? { text, start, end: start + text.length, types: new Set<SpanType>() };
    found.types.add('code');
    if (PATH.test(text)) found.types.add('path');
    byRange.set(key, found);
  }
  // A web address is a literal too, whole, without the punctuation after it ("… /sso/saml/acs.").
  for (const m of sentence.matchAll(URL)) {
    const key = `${m.index}:${m.index + m[0].length}`;
    const found = byRange.get(key) ?? {
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      types: new Set<SpanType>(),
    };
    for (const t of ['code', 'path'] as const) found.types.add(t);
    byRange.set(key, found);
  }
  // A day of a month is a date even where a tagger or a longer pattern ("Saturday, 20 April") saw a number.
  // So is a month or weekday named alone ("on 6 February" tagged a name by the capitals pattern): no person, place or organisation.
  for (const c of byRange.values()) {
    if (DAY_OF_MONTH.test(c.text) || CALENDAR_WORD.test(c.text) || ZONE_ALONE.test(c.text)) c.types.add('date');
    if (BARE_UNIT.test(c.text)) c.types.delete('date');
  }
  // The hours and minutes of a time of day ("05" of "05:00 UTC") and the digits of an identifier ("02" of "kw-02") are no counts.
  for (const pattern of [TIME_PATTERN, IDENTIFIER]) {
    for (const m of sentence.matchAll(pattern)) {
      const [from, to] = [m.index, m.index + m[0].length];
      for (const c of byRange.values())
        if (c.end > from && c.start < to && !(c.start <= from && c.end >= to)) c.types.delete('number');
    }
  }
  // A label opening a line or a column before a colon names a field ("Severity: Sev-2"); the answer is
  // the value after it. In prose a colon introduces what follows ("economic ties: Imperial, ...").
  for (const [key, c] of byRange) {
    const label =
      /^:(?:\s|$)/.test(sentence.slice(c.end)) && /(?:^|\n|;|\S(?: {2,}|\t))\s*$/.test(sentence.slice(0, c.start));
    if (label && !c.types.has('code')) byRange.delete(key);
  }
  // A code with digits ("2BX" of a postcode) and a rank of something ("first day", "3rd place") count nothing.
  for (const c of byRange.values()) if (NOT_AN_AMOUNT.test(c.text)) c.types.delete('number');
  // A noun phrase ending in a role ("the budget holder", "your line manager") says who, where policies name no person.
  for (const c of byRange.values()) if (c.types.has('noun') && ROLE.test(c.text)) c.types.add('role');
  // A telephone number has 9 to 13 digits and opens with 0, + or a bracket; fewer are a date or a sum ("2025 12 01"). Neither it nor its groups are counts.
  for (const c of byRange.values()) {
    if (!c.types.has('phone')) continue;
    const digits = c.text.replace(/\D/g, '').length;
    if (digits < 9 || digits > 13 || !/^[0+(]/.test(c.text)) c.types.delete('phone');
    else
      for (const part of byRange.values()) if (part.start >= c.start && part.end <= c.end) part.types.delete('number');
  }
  // "St" or "Mt" opening a name ("St Anne's Church") is part of it: a tagger that calls it a place alone
  // means the whole name is one.
  for (const [key, c] of byRange) {
    if (!/^(?:St|Mt|Ft)\.?$/.test(c.text)) continue;
    const whole = [...byRange.values()]
      .filter((o) => o.start === c.start && o.end > c.end)
      .sort((a, b) => b.end - a.end)[0];
    if (!whole) continue;
    for (const t of c.types) whole.types.add(t);
    byRange.delete(key);
  }
  // Parts that lost their only type above (a time's hours) are no candidates.
  return [...byRange.values()].filter((c) => c.types.size > 0);
}
