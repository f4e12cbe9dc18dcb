/** The months, as documents write them. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const SHORT_FORMS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month by its capitalised name or short form ("March", "Mar", "Sept."): a regex source for longer patterns. */
export const MONTH = `(?:${MONTH_NAMES.join('|')}|${SHORT_FORMS.filter((s) => s !== 'May').join('|')}|Sept)\\.?`;

/** The month (1 to 12) a name or short form names, case aside ("Sept." is 9); undefined for any other word. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTH_NAMES.findIndex((m) => m.toLowerCase() === w);
  if (full >= 0) return full + 1;
  const short = w === 'sept' ? 8 : SHORT_FORMS.findIndex((s) => s.toLowerCase() === w);
  return short >= 0 ? short + 1 : undefined;
}

/** The months the ISO dates of a text name ("2025-07-14" says July), as records and logs write dates. */
export function isoDateMonths(text: string): number[] {
  return [...text.matchAll(/\b\d{4}-(0[1-9]|1[0-2])-\d{2}\b/g)].map((m) => Number(m[1]));
}
