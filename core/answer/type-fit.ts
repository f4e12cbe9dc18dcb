import { stem } from '../text/tokenize.js';
import { CURRENCY_CODES, CURRENCY_WORDS, DURATION_UNITS } from '../lang/en.js';
import { saysClockTime, type Candidate, type SpanType } from './candidates.js';
import type { QuestionTerms } from './evidence.js';
import type { AnswerType } from './question-type.js';
import type { KeyUnit, UnitFamily } from './units.js';

/** How well each kind of span answers each kind of question. */
const TYPE_FIT: Record<AnswerType, Partial<Record<SpanType, number>>> = {
  person: { person: 3, proper: 2.6, org: 2.2, role: 2, noun: 0.3 },
  date: { date: 3, number: 0.6 },
  place: { place: 3, city: 3, country: 3, path: 3, proper: 1.6, org: 1, noun: 0.3 },
  city: { city: 3.2, place: 2.4, proper: 1.6, org: 1, noun: 0.3 },
  country: { country: 3.2, place: 2.4, proper: 1.6, org: 1, noun: 0.3 },
  number: { number: 3, date: 0.4 },
  money: { number: 3, date: 0.4 },
  frequency: { date: 2, number: 2 },
  measure: { number: 3, date: 0.4 },
  code: { code: 3, path: 2.4, id: 2, noun: 1, proper: 1.2, org: 1, number: 0.6 },
  phone: { phone: 3, number: 0.6 },
  entity: {
    noun: 1,
    role: 1,
    proper: 1.2,
    person: 1.2,
    org: 1.2,
    place: 1.2,
    city: 1.2,
    country: 1.2,
    code: 1.2,
    path: 1.2,
    id: 1.2,
    date: 0.6,
    number: 0.6,
  },
  reason: {},
  other: {},
};

/** A span needs at least this type fit to be offered as a typed answer. */
export const STRONG_FIT = 2;
/** A bare number says no length, duration or price: below STRONG_FIT, it never answers "how long" or "how much does it cost" alone. */
const WEAK_AMOUNT = 1.5;

/** Span types that rule a span out for a question type, whatever else it is tagged ("who" is not answered by a place). */
const CONFLICTS: Partial<Record<AnswerType, SpanType[]>> = {
  person: ['place', 'city', 'country', 'date', 'number', 'code', 'id'],
  place: ['date', 'number'],
  city: ['country', 'date', 'number'],
  country: ['city', 'date', 'number'],
  date: ['person'],
  number: ['date'],
  money: ['date'],
  measure: ['date'],
};

/** A currency symbol or code beside an amount. */
const CURRENCY = new RegExp(String.raw`[$€£¥₹]|\b(?:${CURRENCY_CODES}|${CURRENCY_WORDS})\b`, 'i');
/** How often something happens, as written: a word for it, or "every/each/per/once/twice/times" with a period ("every freezer" is none). */
const FREQUENCY =
  /\b(?:daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually|hourly)\b|\b(?:every|each|per|once|twice|times?)\b.*\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|mornings?|evenings?|weekends?|weekdays?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b/i;

/** An amount written with two decimals, as prices are ("299.00", "1,250.50"). */
const PRICE_DIGITS = /\d\.\d{2}\b/;
/** An amount written as a price but without its currency answers "how much does it cost" less surely than one with it. */
const BARE_AMOUNT = 2.6;

/** A number followed by what it measures: a unit word or symbol ("36 months", "14-day", "4.2 km", "20%"), not a name ("4 Cutler"). */
const WITH_UNIT = /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen))[\s-]*(?:%|°|[a-zµ])/;

/**
 * How well the span answers the question's type. `unit` is what the record key over the span says its
 * value is measured in; a measure counts only in the units the question allows ("how far" is no kWh).
 */
export function typeFit(type: AnswerType, c: Candidate, unit?: KeyUnit, units?: readonly UnitFamily[]): number {
  let best = 0;
  for (const t of c.types) best = Math.max(best, TYPE_FIT[type][t] ?? 0);
  const conflict = CONFLICTS[type]?.some((t) => c.types.has(t));
  if (conflict) return Math.min(best, 1);
  // A record's key can carry the unit its values leave out ("range_km: 320").
  const measured = unit?.kind === 'measure' && (units === undefined || units.includes(unit.family));
  if (type === 'measure' && !WITH_UNIT.test(c.text) && !measured) return Math.min(best, WEAK_AMOUNT);
  // A price is said with its currency, or as prices are written ("299.00"); "4" of "4 Cutler Street" is none.
  if (type === 'money' && !CURRENCY.test(c.text) && unit?.kind !== 'money')
    return Math.min(best, PRICE_DIGITS.test(c.text) ? BARE_AMOUNT : WEAK_AMOUNT);
  // "How often" is answered by a frequency ("every 12 months", "twice a year"), not by a date or count alone.
  if (type === 'frequency' && FREQUENCY.test(c.text)) return 3;
  return best;
}

/** A unit written in capitals after its amount ("120 MB", "3 kWh"). */
const CAPITAL_UNIT = /\d\s?(?:[KMGTP]i?B|kWh|[MGk]W)\b/;

/** A span ending in a unit of time: a duration, not a count of things ("24 hours" does not answer "how many items"). */
const DURATION = new RegExp(`\\b(?:${DURATION_UNITS})$`, 'i');

/**
 * How well the span answers the question, with what the question says beyond its type: asked "what time"
 * or "what hours", a date without a time of day ("1 April") answers less surely than one with it ("9:30"),
 * but still may; "how many items" is no duration; "how much disk space" is an amount with its unit.
 */
export function fitFor(type: AnswerType, q: QuestionTerms, c: Candidate, unit?: KeyUnit): number {
  let fit = typeFit(type, c, unit, q.units);
  const lastWord = DURATION.exec(c.text)?.[0];
  if (q.counted && lastWord && stem(lastWord.toLowerCase()) !== q.counted) fit = Math.min(fit, WEAK_AMOUNT);
  // "How much disk space" is said with a unit ("40 GB"); "six" (workers) is no amount of it.
  if (
    type === 'number' &&
    q.amountOf &&
    !WITH_UNIT.test(c.text) &&
    !CURRENCY.test(c.text) &&
    !CAPITAL_UNIT.test(c.text) &&
    unit === undefined
  )
    fit = Math.min(fit, WEAK_AMOUNT);
  return q.asksClock && c.types.has('date') && !saysClockTime(c.text) ? Math.min(fit, STRONG_FIT) : fit;
}
