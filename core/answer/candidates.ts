import nlp from 'compromise';
import { MONTH } from '../text/months.js';
import { memoByText } from '../text/memo.js';
import { withoutQuoteMarkers } from '../text/lines.js';

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

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
/** A weekday, or its short form as opening hours write it ("Mon–Fri"). */
const WEEKDAY_ANY =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\\b';
const ORDINAL = '\\d{1,2}(?:st|nd|rd|th)?';
const DAY_OF_MONTH = new RegExp(`\\b(?:${ORDINAL}\\s+${MONTH}|${MONTH}\\s+${ORDINAL})\\b`);
const AMOUNT = '\\d+(?:[.,]\\d+)?';
const UNIT_WORDS = 'years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?';
const UNIT = `(?:${UNIT_WORDS})`;
/** Currency codes written before an amount ("GBP 60"). */
export const CURRENCY_CODES = 'USD|EUR|GBP|JPY|CHF|AUD|CAD|NZD|NOK|SEK|DKK';
const IDENTIFIER = /(?<![\w-])(?=[\w-]*\d)(?=[\w-]*\p{L})[\p{L}\d]+(?:[-_][\p{L}\d]+)+(?![\w-])/gu;
/** Units written in capitals straight after the digits ("16GB", "5GHz"). */
const CAPITAL_UNITS =
  'KB|MB|GB|TB|PB|KIB|MIB|GIB|TIB|HZ|KHZ|MHZ|GHZ|KW|MW|GW|KWH|MWH|MAH|DB|FPS|RPM|MPH|KPH|PX|PT|BN|MM|CM|KM|KG|MG|MS';
const CALENDAR_WORD = new RegExp(`^(?:${MONTH}|${WEEKDAY})$`);
// Written out in both cases, not with the i flag: a time zone is capitals only ("10:00 is", not "IST").
const TIME_OF_DAY =
  '(?:\\b\\d{1,2}(?::\\d{2})?\\s?(?:[aApP]\\.[mM]\\.|[aApP][mM]\\b)|\\b(?:[01]?\\d|2[0-3]):[0-5]\\d\\b(?:\\s+(?:noon|midnight)\\b)?|\\b(?:[Nn]oon|[Mm]idnight)\\b)';
/** Time zones as schedules write them; alone, a zone is part of a time, never a name ("UTC" does not answer "who"). */
const TIME_ZONE = '(?:UTC|GMT|BST|CET|CEST|EET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT)\\b';
const ZONE_ALONE = new RegExp(`^${TIME_ZONE}$`);
const EVERY = '(?:[Ee]very|[Ee]ach)';
const TIME_PATTERN = new RegExp(`${TIME_OF_DAY}(?:\\s+${TIME_ZONE})?`, 'g');
/** Digits run into capitals that are no unit ("2BX"), or a rank of something ("first day", "3rd place"; "a third" is a share), opening a phrase. */
const NOT_AN_AMOUNT = new RegExp(
  `^(?:\\d+(?!(?:${CAPITAL_UNITS})\\b)[A-Z]{2,}\\w*|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\\d+(?:st|nd|rd|th))\\s+\\p{L})`,
  'iu',
);
/** Words for a role people hold, ending a noun phrase. */
const ROLE = new RegExp(
  `\\b(?:${[
    'manager',
    'holder',
    'owner',
    'officer',
    'director',
    'engineer',
    'treasurer',
    'clerk',
    'chair',
    'chairman',
    'chairwoman',
    'chairperson',
    'secretary',
    'supervisor',
    'administrator',
    'coordinator',
    'lead',
    'head',
    'team',
    'department',
    'committee',
    'board',
    'council',
    'staff',
    'employee',
    'member',
    'tenant',
    'landlord',
    'buyer',
    'seller',
    'supplier',
    'contractor',
    'auditor',
    'inspector',
    'nurse',
    'doctor',
    'receptionist',
    'teacher',
    'librarian',
    'pharmacist',
    'caretaker',
    'governor',
    'trustee',
    'representative',
    'agent',
    'assistant',
    'adviser',
    'advisor',
    'consultant',
    'editor',
    'organiser',
    'organizer',
    'host',
    'speaker',
    'mayor',
    'councillor',
    'president',
  ].join('|')})s?$`,
  'i',
);
/** A unit of time without an amount ("days", "an hour"): how long, not when. */
const BARE_UNIT = new RegExp(`^(?:${UNIT_WORDS})$`, 'i');
const REGEX_SPANS: [RegExp, SpanType][] = [
  [
    new RegExp(`\\b(?:${WEEKDAY},?\\s+)?(?:${ORDINAL}\\s+${MONTH}|${MONTH}\\s+${ORDINAL})(?:,?\\s+\\d{4})?\\b`, 'g'),
    'date',
  ],
  [new RegExp(`\\b(?:(?:early|late|mid)[- ])?${MONTH}\\s+\\d{4}\\b`, 'g'), 'date'],
  [new RegExp(`\\b${WEEKDAY}\\b`, 'g'), 'date'],
  [/\b(?:in |since |by |until )?(?:the )?(?:1[0-9]{3}|20[0-9]{2})s?\b/g, 'date'],
  [/\b(?:last|next|this|previous|following) (?:week|month|year|decade|century)\b/gi, 'date'],
  // A time of day answers "when" as a date does ("9 am", "5:30 p.m.", "17:45 UTC", "noon").
  [TIME_PATTERN, 'date'],
  // Days of one month together are one answer: "17 and 19 March 2026", "3, 4 and 5 June".
  [
    new RegExp(`\\b${ORDINAL}(?:,\\s*${ORDINAL})*\\s+(?:and|&)\\s+${ORDINAL}\\s+${MONTH}(?:,?\\s+\\d{4})?\\b`, 'g'),
    'date',
  ],
  // A telephone number, in its groups ("01632 960 712", "+1 415 555 0142", "(212) 555-0100"); its digits are counted below.
  [/(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)|\d{2,5})(?:[\s.-]\d{2,4}){1,3}\b/g, 'phone'],
  // A time with its day is one deadline: "12:00 on Thursday", "5 pm on Friday 14 March".
  [
    new RegExp(
      `${TIME_OF_DAY}\\s+on\\s+(?:${WEEKDAY}(?:,?\\s+${ORDINAL}\\s+${MONTH}(?:\\s+\\d{4})?)?|${ORDINAL}\\s+${MONTH}(?:\\s+\\d{4})?)\\b`,
      'g',
    ),
    'date',
  ],
  // A schedule is one answer to "when": "every Sunday at 03:30 UTC", "each weekday at 9 am", "daily at 02:00".
  [
    new RegExp(
      `\\b(?:${EVERY}\\s+(?:other\\s+)?(?:${WEEKDAY}|day|weekday|week|month|morning|evening|night)|[Dd]aily|[Nn]ightly|[Ww]eekly|${WEEKDAY}s?)\\s+at\\s+${TIME_OF_DAY}(?:\\s+${TIME_ZONE})?`,
      'g',
    ),
    'date',
  ],
  [
    new RegExp(`\\b${EVERY}\\s+(?:other\\s+)?(?:${WEEKDAY}|weekday|day|week|month|year|morning|evening|night)\\b`, 'g'),
    'date',
  ],
  // Opening hours: a run of weekdays, with the hours it holds ("Monday to Thursday between 09:00 and 15:00", "Mon–Fri, 9 am to 5 pm").
  [
    new RegExp(
      `\\b${WEEKDAY_ANY}\\s*(?:to|through|until|till|-|–|—)\\s*${WEEKDAY_ANY}(?:,?\\s+(?:from\\s+|between\\s+)?${TIME_OF_DAY}\\s*(?:and|to|until|till|-|–|—)\\s*${TIME_OF_DAY}(?:\\s+${TIME_ZONE})?)?`,
      'g',
    ),
    'date',
  ],
  // Hours alone too ("between 09:00 and 15:00", "9 am to 5 pm"), but not an event's span ("from 00:04 to 06:47"), whose end is asked for as often.
  [
    new RegExp(
      `(?<!\\b[Ff]rom\\s+)(?:\\bbetween\\s+)?${TIME_OF_DAY}\\s*(?:and|to|until|till|-|–|—)\\s*${TIME_OF_DAY}(?:\\s+${TIME_ZONE})?`,
      'g',
    ),
    'date',
  ],
  // A temperature, below zero too ("-41 °C").
  [/(?<![\w.])[-−]?\d+(?:\.\d+)?\s?°\s?[CF]\b/g, 'number'],
  // An amount after its currency code ("GBP 60", "USD 1,250.00"): one price.
  [new RegExp(String.raw`\b(?:${CURRENCY_CODES})\s?\d(?:[\d,]*\d)?(?:\.\d+)?\b`, 'g'), 'number'],
  // A deadline said by its part of a period ("the end of May", "the start of 2026").
  [
    new RegExp(
      `\\b(?:by\\s+)?(?:the\\s+)?(?:end|start|beginning|middle)\\s+of\\s+(?:${MONTH}(?:\\s+\\d{4})?|\\d{4}|the\\s+(?:week|month|year|quarter))\\b`,
      'g',
    ),
    'date',
  ],
  // A day recurring in a period: "the first Monday of each month", "the last Friday of every quarter".
  [
    new RegExp(
      `\\b(?:the\\s+)?(?:first|second|third|fourth|last)\\s+(?:${WEEKDAY}|weekday|working day|day)\\s+of\\s+(?:each|every|the)\\s+(?:month|quarter|year)\\b`,
      'g',
    ),
    'date',
  ],
  [/\b(?:the )?\d{1,2}(?:st|nd|rd|th) (?:century|centuries)\b/gi, 'date'],
  [/(?<=\b(?:in|by|since|from|until|around|c\.|circa) )\d{3,4}s?\b/g, 'date'],
  // Capitalised runs inside a sentence are names compromise may not know ("Oursel", "Guy de Lusignan").
  [/(?<=\S\s+)\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:de|of|the|van|von|al|da|di|la|le)\s+)?\p{Lu}[\p{L}'’-]+)*/gu, 'proper'],
  // An identifier with digits is one name ("kw-02", "INC-2291", "AES-256", "offline_sync_v2"), no count.
  [IDENTIFIER, 'id'],
  // A duration in several units is one quantity ("3 hours 40 minutes", "1 year and 6 months").
  [new RegExp(`\\b${AMOUNT}\\s*${UNIT}(?:,?\\s+(?:and\\s+)?${AMOUNT}\\s*${UNIT})+\\b`, 'gi'), 'number'],
  // An amount with what it counts, or with a unit after a qualifier ("15 working days", "3 calendar months"); not a preposition or verb ("60 per").
  [
    new RegExp(
      String.raw`(?<!\d:)\b(?:(?:over|more than|less than|fewer than|about|nearly|almost|around|some|approximately|roughly|up to) )?(?:\d(?:[\d,.]*\d)?|half a|a quarter of a|a single|single|a pair of|a couple of|(?:dozens|hundreds|thousands|millions) of|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)(?:\s*(?:%|percent|per cent|million|billion|thousand|hundred))*(?:\s+(?!(?:per|in|on|at|to|of|for|by|from|with|and|or|a|an|the|is|are|was|were|be|been|will|would|can|could|should|may|must)\b)[a-z]+(?:\s+(?:${UNIT_WORDS})\b)?)?(?:\b|(?<=%))`,
      'gi',
    ),
    'number',
  ],
];

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

function tidy(
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

const CLOCK_TIME = new RegExp(TIME_OF_DAY);

/** Whether the text gives a time of day ("9:30", "5 pm", "noon"). */
export function saysClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

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
