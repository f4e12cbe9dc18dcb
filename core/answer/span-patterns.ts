/**
 * The patterns that find dates, times, amounts, names and identifiers in a sentence, for
 * candidates.ts, and the words that retype what they found (a role, a bare unit, a rank).
 */
import {
  CAPITAL_UNITS,
  CURRENCY_CODES,
  DURATION_UNITS,
  MONTH,
  RANK_WORDS,
  TIME_ZONE,
  WEEKDAY,
  WEEKDAY_ANY,
} from '../lang/en.js';
import type { SpanType } from './candidates.js';

const ORDINAL = '\\d{1,2}(?:st|nd|rd|th)?';
export const DAY_OF_MONTH = new RegExp(`\\b(?:${ORDINAL}\\s+${MONTH}|${MONTH}\\s+${ORDINAL})\\b`);
const AMOUNT = '\\d+(?:[.,]\\d+)?';
const UNIT = `(?:${DURATION_UNITS})`;
export const IDENTIFIER = /(?<![\w-])(?=[\w-]*\d)(?=[\w-]*\p{L})[\p{L}\d]+(?:[-_][\p{L}\d]+)+(?![\w-])/gu;
export const CALENDAR_WORD = new RegExp(`^(?:${MONTH}|${WEEKDAY})$`);
// Written out in both cases, not with the i flag: a time zone is capitals only ("10:00 is", not "IST").
const TIME_OF_DAY =
  '(?:\\b\\d{1,2}(?::\\d{2})?\\s?(?:[aApP]\\.[mM]\\.|[aApP][mM]\\b)|\\b(?:[01]?\\d|2[0-3]):[0-5]\\d\\b(?:\\s+(?:noon|midnight)\\b)?|\\b(?:[Nn]oon|[Mm]idnight)\\b)';
/** Alone, a time zone is part of a time, never a name ("UTC" does not answer "who"). */
export const ZONE_ALONE = new RegExp(`^${TIME_ZONE}$`);
const EVERY = '(?:[Ee]very|[Ee]ach)';
export const TIME_PATTERN = new RegExp(`${TIME_OF_DAY}(?:\\s+${TIME_ZONE})?`, 'g');
/** Digits run into capitals that are no unit ("2BX"), or a rank of something ("first day", "3rd place"; "a third" is a share), opening a phrase. */
export const NOT_AN_AMOUNT = new RegExp(
  `^(?:\\d+(?!(?:${CAPITAL_UNITS})\\b)[A-Z]{2,}\\w*|(?:${RANK_WORDS}|\\d+(?:st|nd|rd|th))\\s+\\p{L})`,
  'iu',
);
/** Words for a role people hold, ending a noun phrase. */
export const ROLE = new RegExp(
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
export const BARE_UNIT = new RegExp(`^(?:${DURATION_UNITS})$`, 'i');
export const REGEX_SPANS: [RegExp, SpanType][] = [
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
      String.raw`(?<!\d:)\b(?:(?:over|more than|less than|fewer than|about|nearly|almost|around|some|approximately|roughly|up to) )?(?:\d(?:[\d,.]*\d)?|half a|a quarter of a|a single|single|a pair of|a couple of|(?:dozens|hundreds|thousands|millions) of|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)(?:\s*(?:%|percent|per cent|million|billion|thousand|hundred))*(?:\s+(?!(?:per|in|on|at|to|of|for|by|from|with|and|or|a|an|the|is|are|was|were|be|been|will|would|can|could|should|may|must)\b)[a-z]+(?:\s+(?:${DURATION_UNITS})\b)?)?(?:\b|(?<=%))`,
      'gi',
    ),
    'number',
  ],
];

const CLOCK_TIME = new RegExp(TIME_OF_DAY);

/** Whether the text gives a time of day ("9:30", "5 pm", "noon"). */
export function saysClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}
