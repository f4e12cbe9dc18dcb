/** The bench's rows: a figure, its value, the baseline measured in the same run and their ratio, printed as a table and kept as JSON. */
import { percentile } from './aggregate.js';

export interface BenchRow {
  /** What was measured. */
  name: string;
  value: number;
  unit: string;
  /** The baseline's figure in the same run, when there is one. */
  baseline?: { name: string; value: number };
  /** What the ratio is read against: "≥ 10×" (value/baseline) or a note. */
  target?: string;
  /** How many runs the median was taken over. */
  runs?: number;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The median of `runs` results of `fn` (each run returns its figure). */
export async function medianOf(runs: number, fn: (run: number) => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await fn(i));
  return percentile(values, 50);
}

function format(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

export function ratio(row: BenchRow): number | undefined {
  return row.baseline && row.baseline.value !== 0 ? row.value / row.baseline.value : undefined;
}

/** A table for a terminal (and for the README, which shows the latest one). */
export function renderTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => {
    const x = ratio(r);
    return [
      r.name,
      format(r.value, r.unit),
      r.baseline ? `${r.baseline.name}: ${format(r.baseline.value, r.unit)}` : '',
      x === undefined ? '' : `${x.toFixed(2)}×`,
      r.target ?? '',
    ];
  });
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
}
