import type { AskResponse } from '../core/protocol.js';
import { containsAnswer } from './normalize.js';
import { goldFile, type EvalItem } from './set.js';

/** How one item went. */
export interface Outcome {
  item: EvalItem;
  response: AskResponse;
  answerable: boolean;
  /** The answer contains an accepted answer (answerable items only). */
  answerCorrect: boolean;
  /** Some citation names a gold file (answerable items only). */
  citationCorrect: boolean;
  /** Abstained exactly when the item is unanswerable. */
  abstentionCorrect: boolean;
  retrievalMs: number;
  answerMs: number;
}

export function judge(item: EvalItem, response: AskResponse, timing: { retrievalMs: number; answerMs: number }): Outcome {
  const answerable = item.answers.length > 0;
  const gold = new Set(item.sources.map(goldFile));
  return {
    item,
    response,
    answerable,
    answerCorrect: answerable && !response.abstained && containsAnswer(response.answer, item.answers),
    citationCorrect: answerable && response.citations.some((c) => gold.has(c.source)),
    abstentionCorrect: response.abstained === !answerable,
    ...timing,
  };
}

export interface Summary {
  items: number;
  answerable: number;
  answerAccuracy: number;
  citationAccuracy: number;
  abstentionAccuracy: number;
}

export function summarize(outcomes: Outcome[]): Summary {
  const answerable = outcomes.filter((o) => o.answerable);
  const share = (list: Outcome[], ok: (o: Outcome) => boolean) => (list.length ? list.filter(ok).length / list.length : 0);
  return {
    items: outcomes.length,
    answerable: answerable.length,
    answerAccuracy: share(answerable, (o) => o.answerCorrect),
    citationAccuracy: share(answerable, (o) => o.citationCorrect),
    abstentionAccuracy: share(outcomes, (o) => o.abstentionCorrect),
  };
}
