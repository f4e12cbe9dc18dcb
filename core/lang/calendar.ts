/** Weekdays, time zones and seasons as English documents write them: regex sources and tables. */

/** A weekday written out: a regex source for longer patterns. */
export const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

/** A weekday, or its short form as opening hours write it ("Mon–Fri"). */
export const WEEKDAY_ANY =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\\b';

/** Time zones as schedules write them, capitals only: a regex source. */
export const TIME_ZONE = '(?:UTC|GMT|BST|CET|CEST|EET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT)\\b';

/**
 * The months (1 to 12) of each season as the northern hemisphere counts them (spring March to May), as
 * the documents this reads are written.
 */
export const SEASON_MONTHS: Readonly<Record<string, readonly number[]>> = {
  spring: [3, 4, 5],
  summer: [6, 7, 8],
  autumn: [9, 10, 11],
  fall: [9, 10, 11],
  winter: [12, 1, 2],
};
