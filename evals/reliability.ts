import { share } from './aggregate.js';
import type { ItemResult } from './metrics.js';

/** One band of the reader's no-answer probability: how many items it holds and the share of them that were answerable. */
export interface ReliabilityRow {
  from: number;
  to: number;
  items: number;
  answerable: number;
}

const BANDS = 5;

/**
 * How well the offline reader's confidence is calibrated: items grouped by their stated probability
 * that the documents answer, beside the share that did. Empty when no item carries a confidence
 * (a language model answered, or the rules settled every question).
 */
export function reliability(items: readonly ItemResult[]): ReliabilityRow[] {
  const rated = items.filter((r) => r.confidence !== undefined);
  if (rated.length === 0) return [];
  return Array.from({ length: BANDS }, (_, i) => {
    const [from, to] = [i / BANDS, (i + 1) / BANDS];
    const band = rated.filter(
      (r) => r.confidence! >= from && (r.confidence! < to || (i === BANDS - 1 && r.confidence! <= to)),
    );
    return { from, to, items: band.length, answerable: share(band, (r) => r.answerable) };
  }).filter((row) => row.items > 0);
}

/** The reliability rows as lines for the terminal. */
export function reliabilityTable(rows: readonly ReliabilityRow[]): string {
  const lines = rows.map(
    (r) =>
      `  ${r.from.toFixed(1)}–${r.to.toFixed(1)}  ${String(r.items).padStart(5)} items  ${r.answerable.toFixed(3)} answerable`,
  );
  return ['reader confidence (p answerable) → share answerable:', ...lines].join('\n');
}
