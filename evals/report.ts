import { readFile } from 'node:fs/promises';
import { z } from 'zod/v4';
import { aggregate, byTag, type MetricName, type Metrics } from './aggregate.js';
import { PastItemSchema, type PastItem } from './item-changes.js';
import type { ItemResult } from './metrics.js';
import { reliability, type ReliabilityRow } from './reliability.js';

export interface Report {
  createdAt: string;
  set: string;
  target: string;
  k: number;
  /** A held-out set's report keeps only the overall numbers: items and per-tag results would teach its answers. */
  blind?: true;
  overall: Metrics;
  /** The reader's confidence against the share answerable (empty when it gave none). */
  reliability: ReliabilityRow[];
  byTag: Record<string, Metrics>;
  items: ItemResult[];
}

export function buildReport(set: string, target: string, k: number, items: ItemResult[], blind = false): Report {
  const base = {
    createdAt: new Date().toISOString(),
    set,
    target,
    k,
    overall: aggregate(items),
    reliability: reliability(items),
  };
  return blind ? { ...base, blind: true, byTag: {}, items: [] } : { ...base, byTag: byTag(items), items };
}

const StoredReport = z
  .object({ overall: z.record(z.string(), z.number()), items: z.array(PastItemSchema).optional().catch(undefined) })
  .passthrough();

/** An earlier report.json, for --compare: its numbers, and its items unless it was a blind run. */
export async function readReport(file: string): Promise<{ overall: Record<string, number>; items?: PastItem[] }> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below, as any other file that is not a report
  }
  const parsed = StoredReport.safeParse(json);
  if (!parsed.success) throw new Error(`--compare ${file}: not a report.json from an earlier eval run`);
  return parsed.data;
}

/** The metrics shown in the terminal and the HTML headline, each with its LangChain-baseline twin where one exists. */
export const HEADLINE: { name: MetricName; label: string; baseline?: MetricName; bm25?: MetricName }[] = [
  { name: 'recall@1', label: 'retrieval recall@1', baseline: 'baseline.recall@1', bm25: 'bm25.recall@1' },
  { name: 'recall@5', label: 'retrieval recall@5', baseline: 'baseline.recall@5', bm25: 'bm25.recall@5' },
  { name: 'recall@10', label: 'retrieval recall@10', baseline: 'baseline.recall@10', bm25: 'bm25.recall@10' },
  { name: 'mrr@10', label: 'retrieval MRR@10', baseline: 'baseline.mrr@10' },
  { name: 'exactMatch', label: 'short answer exact match' },
  { name: 'f1', label: 'short answer F1' },
  { name: 'answerContainsGold', label: 'answer contains gold' },
  { name: 'evidenceContainsGold', label: 'answer + first quote contains gold' },
  { name: 'firstCitationInGold', label: 'first citation in gold source' },
  { name: 'anyCitationInGold', label: 'any citation in gold source' },
  { name: 'abstentionPrecision', label: 'abstention precision' },
  { name: 'abstentionRecall', label: 'abstention recall (unanswerable)' },
  { name: 'wrongfulAbstention', label: 'wrongful abstention (answerable)' },
  { name: 'closestPassage', label: 'declined, closest passage shown' },
  { name: 'closestContainsGold', label: 'closest passage contains gold' },
  { name: 'retrievalMs.p50', label: 'retrieval ms p50', baseline: 'baselineMs.p50' },
  { name: 'retrievalMs.p95', label: 'retrieval ms p95', baseline: 'baselineMs.p95' },
  { name: 'answerMs.p50', label: 'answer ms p50' },
  { name: 'answerMs.p95', label: 'answer ms p95' },
];

const fmt = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '' : Number.isInteger(x) ? String(x) : x.toFixed(3);

/** The terminal table: metric, value, LangChain baseline and ratio, and the change since --compare. */
export function terminalTable(report: Report, previous?: { overall: Record<string, number> }): string {
  const rows = HEADLINE.map(({ name, label, baseline, bm25 }) => {
    const value = report.overall[name];
    const base = baseline ? report.overall[baseline] : undefined;
    const before = previous?.overall[name];
    const delta =
      before === undefined || value === undefined
        ? ''
        : `${value - before >= 0 ? '+' : ''}${(value - before).toFixed(3)}`;
    return [
      label,
      fmt(value),
      fmt(bm25 ? report.overall[bm25] : undefined),
      fmt(base),
      base && value !== undefined ? `${(value / base).toFixed(2)}×` : '',
      delta,
    ];
  });
  const header = [
    'metric',
    'value',
    'BM25 alone',
    'LangChain BM25',
    'ratio to LangChain',
    previous ? 'Δ vs previous' : '',
  ];
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const counts = `${report.overall.items} items (${report.overall.answerable} answerable, ${report.overall.unanswerable} unanswerable), k=${report.k}`;
  return [counts, line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `--min` (or `--max`) thresholds the run misses; an unknown metric name always misses. */
export function failedThresholds(
  overall: Metrics,
  bounds: Record<string, number>,
  kind: 'min' | 'max' = 'min',
): string[] {
  const values = overall as unknown as Record<string, number>;
  return Object.entries(bounds)
    .filter(([name, bound]) => {
      const value = values[name];
      if (value === undefined) return true;
      return kind === 'min' ? !(value >= bound) : !(value <= bound);
    })
    .map(([name, bound]) =>
      values[name] === undefined
        ? `unknown metric ${name}`
        : `${name} = ${fmt(values[name])} ${kind === 'min' ? '<' : '>'} ${bound}`,
    );
}
