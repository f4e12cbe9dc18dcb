import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { feedbackSet, toJsonl } from '../core/conversations/feedback-set.js';
import { openConversationStore } from '../core/conversations/open.js';
import type { Config } from '../core/config.js';
import { parseEvalSet, type EvalItem } from './set.js';

/**
 * `npm run eval -- --from-feedback [--since DATE]`: the feedback given in the chat page (or over
 * POST /api/feedback), read from the conversation store the settings name (DATA_DIR, or DATABASE_URL),
 * as an evaluation set. The set is written beside the reports (`feedback-set.jsonl`), so a run can be
 * repeated on the same items, and returned to be scored against the current build.
 */
export async function feedbackEvalSet(config: Config, out: string, since?: string): Promise<EvalItem[]> {
  const store = await openConversationStore({ dataDir: config.dataDir, databaseUrl: config.DATABASE_URL });
  let text: string;
  try {
    const { items, skipped } = feedbackSet(await store.feedback(since ? new Date(since) : undefined));
    const where = config.DATABASE_URL ? 'DATABASE_URL' : path.relative(process.cwd(), config.dataDir) || '.';
    console.log(
      `feedback (${where}${since ? `, since ${since}` : ''}): ${items.length} items` +
        (skipped > 0 ? `; ${skipped} thumbs-down without a correction left out (nothing to score against)` : ''),
    );
    if (items.length === 0)
      throw new Error(
        'no feedback to score yet: give answers a thumbs up, or a thumbs down with the right answer, in the chat page',
      );
    text = toJsonl(items);
  } finally {
    await store.close();
  }
  await mkdir(out, { recursive: true });
  const file = path.join(out, 'feedback-set.jsonl');
  await writeFile(file, text);
  console.log(`set: ${file}`);
  return parseEvalSet(text, file);
}
