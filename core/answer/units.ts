import { CURRENCY_CODES } from '../lang/en.js';

/** What an amount measures, as far as a record's key or a "how …" question says. */
export type UnitFamily = 'distance' | 'time' | 'weight' | 'volume' | 'data' | 'energy' | 'speed' | 'percent';

/** What a record's key says its values are: a price ("price_gbp", "cost_per_term") or an amount of some unit ("range_km"). */
export type KeyUnit = { kind: 'money' } | { kind: 'measure'; family: UnitFamily };

const FAMILY_OF: [RegExp, UnitFamily][] = [
  [/^(?:km|kms|mi|miles?|metres?|meters?|cm|mm)$/, 'distance'],
  [/^(?:min|mins|minutes?|hrs?|hours?|secs?|seconds?|days?|weeks?|months?|years?)$/, 'time'],
  [/^(?:kg|kgs|kilograms?|grams?|tonnes?|lbs?)$/, 'weight'],
  [/^(?:l|litres?|liters?|ml)$/, 'volume'],
  [/^(?:kb|mb|gb|tb|bytes?)$/, 'data'],
  [/^(?:kwh|wh|mwh)$/, 'energy'],
  [/^(?:mph|kph|kmh)$/, 'speed'],
  [/^(?:pct|percent|percentage)$/, 'percent'],
];

const MONEY_WORD = new RegExp(`^(?:${CURRENCY_CODES}|cost|price|fee|charge)$`, 'i');

/**
 * The unit a record's key gives its values, which the values then leave out ("range_km: 320" is 320 km).
 * The unit is the key's last part, after a separator ("range_km", "duration (min)"); a money word anywhere
 * ("cost_per_term") makes it a price.
 */
export function keyUnit(key: string): KeyUnit | undefined {
  const parts = key
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (parts.some((p) => MONEY_WORD.test(p))) return { kind: 'money' };
  if (parts.length < 2) return undefined;
  const family = FAMILY_OF.find(([unit]) => unit.test(parts[parts.length - 1]!))?.[1];
  return family && { kind: 'measure', family };
}

const ASKED: [RegExp, UnitFamily[]][] = [
  [/\bhow far\b/i, ['distance']],
  [/\bhow (?:long|soon)\b|\bhow much (?:time|notice|warning|longer|earlier|later)\b/i, ['time', 'distance']],
  [/\bhow heavy\b/i, ['weight']],
  [/\bhow fast\b/i, ['speed']],
];

/** The units a "how far / how long / how heavy" question can be answered in; undefined when it does not say. */
export function askedUnits(question: string): UnitFamily[] | undefined {
  return ASKED.find(([asks]) => asks.test(question))?.[1];
}
