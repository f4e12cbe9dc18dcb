import { memoByText } from '../text/memo.js';
import { recordFields, type Field } from '../text/records.js';
import { keyUnit } from './units.js';

/**
 * Ranges and series of times ("from 10:00 to 13:00", "9:00–17:30", "between 09:00 and 15:00"): a question asking
 * when something shuts or ends wants the range's end, one asking when it opens or starts its start.
 * Both stand equally near the question's words, so nearness alone picks the first.
 */

export type RangeEnd = 'start' | 'end';

const TIME = String.raw`(?<![\d:.])(?:\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\b\.?)?|noon|midnight)(?![\d:])`;
const RANGE = new RegExp(String.raw`(${TIME})\s*(?:[–—-]|\s(?:to|until|till|and)\s)\s*(${TIME})`, 'dgi');

/**
 * "until" and "how late" ask for the end even beside "open" ("open until when?"); so do picking a child up,
 * collecting, getting back and returning ("What time should I pick her up from cooking club?").
 */
const ASKS_END =
  /\b(?:shut|shuts|close|closes|closing|finish|finishes|end|ends|until|till|late|latest|stop|stops|collect|collecting|collection|return|returns)\b|\bpick(?:ing)? (?:[\w-]+ ){0,2}up\b|\b(?:get|gets|getting|come|comes|coming|be|are|is|will) back\b/i;
/**
 * Only opening is asked this plainly ("What time does it open?", "its opening time"): "when did printing
 * start working again?" asks for the end of an outage, and "when is it open?" or "opening hours" for the whole range.
 */
const ASKS_START = /\b(?:does|do|did|will|would)\b[^?]*\bopen\b|\bopens\b|\bopening time\b/i;

/** Which end of a range the question asks for, if it asks for one. */
export function asksRangeEnd(question: string): RangeEnd | undefined {
  if (ASKS_END.test(question)) return 'end';
  if (ASKS_START.test(question)) return 'start';
  return undefined;
}

interface Range {
  start: { start: number; end: number };
  end: { start: number; end: number };
}

const rangesIn: (sentence: string) => readonly Range[] = memoByText(
  (sentence) => [
    ...[...sentence.matchAll(RANGE)].map((m) => {
      const [a, b] = [m.indices![1]!, m.indices![2]!];
      return { start: { start: a[0], end: a[1] }, end: { start: b[0], end: b[1] } };
    }),
    ...recordRange(sentence),
  ],
  5_000,
);

/** A record with exactly two times of day ("start: 15:20; end: 16:45", "depart: 10:00; return: 11:45") gives a range; three or more are a series. */
function recordRange(sentence: string): Range[] {
  const clocks = recordFields(sentence).filter((f) => isClockTime(f.value.text) && keyUnit(f.key) === undefined);
  if (clocks.length !== 2) return [];
  const [from, to] = clocks as [Field, Field];
  return [
    { start: { start: from.value.start, end: from.value.end }, end: { start: to.value.start, end: to.value.end } },
  ];
}

/** Whether the span holds the end of a range the question does not ask for (the opening time, asked when it shuts). */
export function otherEnd(sentence: string, span: { start: number; end: number }, wanted: RangeEnd): boolean {
  return rangesIn(sentence).some((r) => {
    const other = wanted === 'end' ? r.start : r.end;
    return span.start < other.end && span.end > other.start;
  });
}

export type SeriesEnd = 'first' | 'last';

const ASKS_FIRST = /\b(?:first|earliest)\b/i;
const ASKS_LAST = /\b(?:last|latest|final)\b/i;

/** Whether the question asks for the first or the last of a series ("the first Saturday bus", "the last weekday 14"). */
export function asksSeriesEnd(question: string): SeriesEnd | undefined {
  if (ASKS_FIRST.test(question)) return 'first';
  if (ASKS_LAST.test(question)) return 'last';
  return undefined;
}

/** A series is at least this many times of day in one sentence or row: a timetable's departures, not a range. */
const SERIES = 3;
/** A time of day on a 24-hour clock, as timetables write it ("06:52", "18.30"). */
const HOURS_MINUTES = String.raw`(?:[01]?\d|2[0-3])[:.][0-5]\d`;
const CLOCK = new RegExp(String.raw`(?<![\d:.])${HOURS_MINUTES}(?![\d:])`, 'g');
const CLOCK_VALUE = new RegExp(String.raw`^\s*${HOURS_MINUTES}\s*$`);

const clockTimes: (sentence: string) => readonly { start: number; end: number }[] = memoByText(
  (sentence) => [...sentence.matchAll(CLOCK)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  5_000,
);

/** Whether a value is a time of day and nothing else ("06:52", a timetable cell). */
function isClockTime(value: string): boolean {
  return CLOCK_VALUE.test(value);
}

/** The first or last of the values that are times of day, when they make a series (a timetable row's departures). */
export function seriesValue<T>(values: readonly T[], text: (v: T) => string, wanted: SeriesEnd): T | undefined {
  const times = clockValues(values, text);
  if (times.length < SERIES) return undefined;
  return wanted === 'first' ? times[0] : times[times.length - 1];
}

/** The start or end of a record's two times of day ("start: 15:20; end: 16:45"), asked when it opens or when it ends. */
export function rangeValue<T>(values: readonly T[], text: (v: T) => string, wanted: RangeEnd): T | undefined {
  const times = clockValues(values, text);
  if (times.length !== 2) return undefined;
  return wanted === 'start' ? times[0] : times[1];
}

/** The values that are times of day. */
export function clockValues<T>(values: readonly T[], text: (v: T) => string): T[] {
  return values.filter((v) => isClockTime(text(v)));
}

/** Whether the span is the first (or last) of a series of times of day in the sentence: a timetable row's first departure. */
export function seriesEnd(sentence: string, span: { start: number; end: number }, wanted: SeriesEnd): boolean {
  const times = clockTimes(sentence);
  if (times.length < SERIES) return false;
  const end = wanted === 'first' ? times[0]! : times[times.length - 1]!;
  return (
    span.start <= end.start &&
    span.end >= end.end &&
    !times.some((t) => t !== end && span.start <= t.start && span.end >= t.end)
  );
}
