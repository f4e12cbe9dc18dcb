import { isoDateMonths, MONTH, monthNumber, SEASON_MONTHS } from '../lang/en.js';

/**
 * "When are the parents' evenings in the spring?" over "14 and 16 October 2025 and 17 and 19 March 2026":
 * the season the question names rules out dates in other months.
 */
const SEASON = new RegExp(
  `\\b(?:in|this|next|last|during|over) (?:the )?(${Object.keys(SEASON_MONTHS).join('|')})\\b`,
  'i',
);

/** A month named whole or by its short form, not the start of another word ("Mayor", "Marchers"). */
const MONTH_WORD = new RegExp(`\\b${MONTH}(?!\\p{L})`, 'gu');

/** The months of the season a when-question names ("in the spring", "this summer"), if it names one. */
export function askedSeason(question: string): number[] | undefined {
  const m = SEASON.exec(question);
  return m ? [...SEASON_MONTHS[m[1]!.toLowerCase()]!] : undefined;
}

/** The months a phrase names, by name or in an ISO date. */
function monthsOf(text: string): number[] {
  return [...[...text.matchAll(MONTH_WORD)].map((m) => monthNumber(m[0])!), ...isoDateMonths(text)];
}

/** Whether the phrase names a month and none of them lies in the season. */
export function outOfSeason(text: string, season: readonly number[]): boolean {
  const months = monthsOf(text);
  return months.length > 0 && !months.some((m) => season.includes(m));
}
