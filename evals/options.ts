import path from 'node:path';
import { parseArgs } from 'node:util';
import { METRIC_NAMES } from './aggregate.js';

export interface EvalOptions {
  set?: string;
  squad?: string;
  url?: string;
  apiKey?: string;
  k: number;
  out?: string;
  docs?: string;
  index?: string;
  compare?: string;
  /** SQuAD articles scored: all, the rules' tuning or test articles, or the learned reader's choose or held-out ones (evals/reader/splits.ts). */
  split: 'all' | 'tuning' | 'test' | 'choose' | 'heldout';
  /** Score the feedback given on answers (the conversation store) as the set; `since` keeps feedback from that date on. */
  fromFeedback: boolean;
  since?: string;
  /** Report overall numbers only (also for any set whose folder holds a BLIND file). */
  blind: boolean;
  min: Record<string, number>;
  max: Record<string, number>;
}

export const USAGE = `usage: npm run eval -- [set.jsonl | --squad file.json [--split all|tuning|test|choose|heldout] | --from-feedback [--since DATE]]
                     [--url http://host:port [--api-key KEY]]
                     [--k N] [--out dir] [--docs dir] [--index dir] [--compare old/report.json] [--blind]
                     [--min metric=value]... [--max metric=value]...`;

function thresholds(list: string[] | undefined, flag: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of list ?? []) {
    const match = /^([\w.@]+)=([\d.]+)$/.exec(entry);
    if (!match) throw new Error(`bad threshold "${entry}": write metric=value, e.g. recall@5=0.9`);
    // Checked now: a misspelt name found only after a long run wastes the run.
    if (!(METRIC_NAMES as readonly string[]).includes(match[1]!))
      throw new Error(`${flag} ${entry}: no metric "${match[1]}"; metrics: ${METRIC_NAMES.join(', ')}`);
    out[match[1]!] = Number(match[2]);
  }
  return out;
}

const SPLITS = ['all', 'tuning', 'test', 'choose', 'heldout'];

export function parseEvalArgs(argv: string[]): EvalOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      squad: { type: 'string' },
      url: { type: 'string' },
      'api-key': { type: 'string' },
      k: { type: 'string', default: '10' },
      out: { type: 'string' },
      docs: { type: 'string' },
      index: { type: 'string' },
      compare: { type: 'string' },
      split: { type: 'string' },
      blind: { type: 'boolean', default: false },
      'from-feedback': { type: 'boolean', default: false },
      since: { type: 'string' },
      min: { type: 'string', multiple: true },
      max: { type: 'string', multiple: true },
    },
  });
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new Error('--k takes a whole number from 1 to 50');
  if (values.split !== undefined && !values.squad) throw new Error('--split chooses SQuAD articles; it needs --squad');
  const split = values.split ?? 'all';
  if (!SPLITS.includes(split)) throw new Error(`--split takes ${SPLITS.join(', ')}`);
  if (values.url !== undefined && !/^https?:\/\/[^/\s]+/.test(values.url))
    throw new Error(`--url ${values.url}: give the server's address with its scheme, e.g. http://localhost:3000`);
  if (values.squad && positionals.length > 0) throw new Error('give either a set file or --squad, not both');
  if (values.squad && (values.docs || values.index))
    throw new Error('--squad builds its own docs folder and index under --out; --docs and --index do not apply');
  const fromFeedback = values['from-feedback'] ?? false;
  if (fromFeedback && (values.squad || positionals.length > 0))
    throw new Error('--from-feedback is the set; give no set file or --squad with it');
  if (values.since !== undefined && !fromFeedback)
    throw new Error('--since chooses feedback; it needs --from-feedback');
  if (values.since !== undefined && Number.isNaN(Date.parse(values.since)))
    throw new Error(`--since ${values.since}: give a date such as 2026-12-01`);
  const resolve = (p: string | undefined) => (p ? path.resolve(p) : undefined);
  return {
    set: resolve(positionals[0]),
    squad: resolve(values.squad),
    url: values.url,
    apiKey: values['api-key'],
    k,
    out: resolve(values.out),
    docs: resolve(values.docs),
    index: resolve(values.index),
    compare: resolve(values.compare),
    split: split as EvalOptions['split'],
    blind: values.blind ?? false,
    fromFeedback,
    ...(values.since !== undefined ? { since: values.since } : {}),
    min: thresholds(values.min, '--min'),
    max: thresholds(values.max, '--max'),
  };
}

/**
 * Where a run writes its reports without --out: .eval/<set name>, the set's folder name when the file
 * is just "set.jsonl" (evals/sets/techdocs/set.jsonl and techdocs-2/set.jsonl would share .eval/set).
 */
export function defaultOutDir(
  root: string,
  o: Pick<EvalOptions, 'set' | 'squad'> & Partial<Pick<EvalOptions, 'fromFeedback'>>,
): string {
  if (o.squad) return path.join(root, '.eval', 'squad');
  if (o.fromFeedback) return path.join(root, '.eval', 'feedback');
  if (!o.set) return path.join(root, '.eval', 'corpus');
  const name = path.basename(o.set, '.jsonl');
  return path.join(root, '.eval', name === 'set' ? path.basename(path.dirname(o.set)) : name);
}
