import path from 'node:path';
import { ROOT } from '../../core/paths.js';

/**
 * The reader's data discipline, in one place: which articles train it, which choose its settings
 * (early stopping, the no-answer threshold), and which test it. Reported numbers come from `test`
 * only; nothing is chosen on it. SQuAD 2.0 dev's first three articles were the hand-written rules'
 * tuning articles and its next two (Sky, Victoria) their test articles: they train and test here likewise.
 */
export type ReaderSplit = 'train' | 'choose' | 'test';

/** From the project folder, not this file's: compiled, it runs from dist/evals/reader/. */
export const BENCHMARKS = path.resolve(ROOT, '../shared/benchmarks');

export interface ReaderData {
  file: string;
  /** Split of the article at this index (in file order) with this title. */
  split: (index: number, title: string) => ReaderSplit;
}

export const READER_DATA: readonly ReaderData[] = [
  { file: 'squad-v2/train-10-articles.json', split: () => 'train' },
  { file: 'squad-v1.1/dev-13-articles.json', split: () => 'train' },
  {
    file: 'squad-v2/dev-20-articles.json',
    split: (i) => (i < 3 ? 'train' : i < 5 ? 'test' : i < 12 ? 'choose' : 'test'),
  },
  { file: 'covid-qa/covid-qa-49-articles.json', split: (i) => (i < 29 ? 'train' : i < 39 ? 'choose' : 'test') },
];

/**
 * The project's own evaluation sets over technical documents (and the default corpus's) train the
 * reader too, weighted up (they are few beside SQuAD's thousands): documents unlike encyclopedia
 * articles. The blind sets (evals/sets/heldout*) never do.
 */
export const OWN_SETS: readonly { set: string; docs: string }[] = [
  { set: 'evals/sets/corpus.jsonl', docs: 'corpus' },
  ...['techdocs', 'techdocs-2', 'techdocs-3', 'techdocs-4', 'techdocs-5', 'techdocs-6', 'techdocs-7'].map((name) => ({
    set: `evals/sets/${name}/set.jsonl`,
    docs: `evals/sets/${name}/docs`,
  })),
];

/** The split of one article of a benchmark file, or undefined for a file the reader does not use. */
export function readerSplitOf(file: string, index: number, title: string): ReaderSplit | undefined {
  const data = READER_DATA.find((d) => path.resolve(BENCHMARKS, d.file) === path.resolve(file));
  return data?.split(index, title);
}
