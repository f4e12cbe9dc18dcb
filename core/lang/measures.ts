/** Units, currencies and ranks as English documents write them: regex sources for longer patterns. */

/** Units of time, singular or plural ("36 months", "2 hrs"). */
export const DURATION_UNITS = 'years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?';

/** Currency codes written before an amount ("GBP 60"). */
export const CURRENCY_CODES = 'USD|EUR|GBP|JPY|CHF|AUD|CAD|NZD|NOK|SEK|DKK';

/** Currencies written as words after an amount ("40 euros"). */
export const CURRENCY_WORDS = 'dollars?|euros?|pounds?|pence|cents?';

/** Units written in capitals straight after the digits ("16GB", "5GHz"). */
export const CAPITAL_UNITS =
  'KB|MB|GB|TB|PB|KIB|MIB|GIB|TIB|HZ|KHZ|MHZ|GHZ|KW|MW|GW|KWH|MWH|MAH|DB|FPS|RPM|MPH|KPH|PX|PT|BN|MM|CM|KM|KG|MG|MS';

/** Ranks written as words, the last included ("first day", "last Friday"). */
export const RANK_WORDS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last';
