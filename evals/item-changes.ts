import { z } from 'zod/v4';
import type { ItemResult } from './metrics.js';

/** What an earlier report.json says of one item: enough to tell whether it was right then. */
export const PastItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  answerable: z.boolean(),
  abstained: z.boolean(),
  answerContainsGold: z.boolean(),
});
export type PastItem = z.infer<typeof PastItemSchema>;

export interface ItemChange {
  question: string;
  before: string;
  after: string;
}

/** Right as the headline metrics count it: an answer holding a gold answer, or an abstention where there is none. */
const right = (i: PastItem) => (i.answerable ? i.answerContainsGold : i.abstained);

/**
 * The items an earlier run got wrong and this one right (fixed), and the other way round (broken),
 * matched by id and question: two sets may reuse ids.
 */
export function itemChanges(
  previous: readonly PastItem[],
  current: readonly ItemResult[],
): { fixed: ItemChange[]; broken: ItemChange[] } {
  const before = new Map(previous.map((i) => [`${i.id}\u0000${i.question}`, i]));
  const fixed: ItemChange[] = [];
  const broken: ItemChange[] = [];
  for (const now of current) {
    const then = before.get(`${now.id}\u0000${now.question}`);
    if (!then || right(then) === right(now)) continue;
    (right(now) ? fixed : broken).push({ question: now.question, before: then.answer, after: now.answer });
  }
  return { fixed, broken };
}

const clip = (text: string, length: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

/** The changes as the terminal shows them, at most `limit` of each kind. */
export function changesText({ fixed, broken }: { fixed: ItemChange[]; broken: ItemChange[] }, limit = 20): string {
  const block = (title: string, changes: ItemChange[]) => [
    `${title} (${changes.length}):`,
    ...changes
      .slice(0, limit)
      .map((c) => `  ${clip(c.question, 70)}  "${clip(c.before, 30)}" → "${clip(c.after, 30)}"`),
    ...(changes.length > limit ? [`  … and ${changes.length - limit} more (report.json has them all)`] : []),
  ];
  return [...block('now right, wrong before', fixed), ...block('now wrong, right before', broken)].join('\n');
}
