import type { FeedbackRecord } from './store.js';

/** One line of the project's JSONL evaluation set format (evals/set.ts's EvalItemSchema). */
export interface FeedbackItem {
  id: string;
  question: string;
  /** Accepted answers; empty: the documents do not answer it. */
  answers: string[];
  /** Gold source files. */
  sources: string[];
  tags: string[];
}

/** A correction (or note) saying the documents hold no answer: "Not in the documents", "the docs don't say". */
const NOT_IN_DOCUMENTS =
  /\b(?:not|isn['’]?t)\s+(?:in|found in|covered (?:in|by)|answered (?:in|by)|mentioned in)\s+the\s+(?:documents?|docs|files?)\b|\bthe\s+(?:documents?|docs|files?)\s+(?:do(?:es)?\s*n['’]?o?t|never)\s+(?:say|contain|answer|cover|mention)/i;

export function saysNotInDocuments(text: string | undefined): boolean {
  return text !== undefined && NOT_IN_DOCUMENTS.test(text);
}

/**
 * What one feedback item says the right answer is, as an evaluation item, or undefined when it says
 * nothing to score against (a thumbs-down with no correction):
 * - thumbs-up: the given answer is accepted, its first citation's file is the gold source (a thumbs-up
 *   on "not found in the documents" keeps the question as unanswerable);
 * - thumbs-down with a correction saying the documents hold no answer: an unanswerable item;
 * - thumbs-down with any other correction: the correction is the answer.
 */
export function feedbackItem({ feedback, turn }: FeedbackRecord): FeedbackItem | undefined {
  const base = { id: `feedback-${turn.id}`, question: turn.question };
  if (feedback.rating === 'up') {
    if (turn.abstained) return { ...base, answers: [], sources: [], tags: ['feedback', 'up', 'unanswerable'] };
    const gold = turn.citations[0]?.source;
    return { ...base, answers: [turn.answer], sources: gold ? [gold] : [], tags: ['feedback', 'up'] };
  }
  if (saysNotInDocuments(feedback.correction) || (!feedback.correction && saysNotInDocuments(feedback.note)))
    return { ...base, answers: [], sources: [], tags: ['feedback', 'down', 'unanswerable'] };
  if (feedback.correction) return { ...base, answers: [feedback.correction], sources: [], tags: ['feedback', 'down'] };
  return undefined;
}

/** The items of a set of feedback (those with something to score against), and how many had nothing. */
export function feedbackSet(records: readonly FeedbackRecord[]): { items: FeedbackItem[]; skipped: number } {
  const items = records.map(feedbackItem);
  const kept = items.filter((i): i is FeedbackItem => i !== undefined);
  return { items: kept, skipped: items.length - kept.length };
}

/** JSONL: one item per line, as `npm run eval` reads sets. */
export function toJsonl(items: readonly FeedbackItem[]): string {
  return items.map((item) => `${JSON.stringify(item)}\n`).join('');
}
