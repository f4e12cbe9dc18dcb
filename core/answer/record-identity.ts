import { recordFields } from '../text/records.js';
import { terms } from '../text/tokenize.js';
import { labelTerms } from './structured.js';
import type { Passage } from '../types.js';

/**
 * "What's the number plate on bus 2317?" names a record by its identity: the fleet export's line
 * "fleet_no: 2317; registration: …" answers it, though an incident report saying "2317" ten times
 * outranks that line's chunk on every word count. A question's identifiers are its numbers of three
 * or more digits and its codes of letters and digits ("B-403", "T-2506").
 */
const IDENTIFIER = /^(?:\d{3,}|(?=[\p{L}\d-]*\d)(?=[\p{L}\d-]*\p{L})[\p{L}\d]+(?:-[\p{L}\d]+)+)$/u;

function identifiersIn(question: string): Set<string> {
  return new Set(
    question
      .split(/[\s,;:?!()"']+/)
      .filter((w) => IDENTIFIER.test(w))
      .map((w) => w.toLowerCase()),
  );
}

/**
 * Whether a line of the passage is a record whose first field (its identity) is one of the identifiers and
 * that has a field the question names ("depot" for "which depot does bus 2321 work from"): a question about
 * a repair in flat A-605 names the flat, not the flat's own record.
 */
function namesRecord(text: string, ids: ReadonlySet<string>, asked: ReadonlySet<string>, mentions: RegExp): boolean {
  // Most passages never say the identifier: one scan rules them out before their lines are read as records.
  if (!mentions.test(text)) return false;
  return text.split('\n').some((line) => {
    const [first, ...others] = recordFields(line);
    return (
      first !== undefined &&
      ids.has(first.value.text.trim().toLowerCase()) &&
      others.some((f) => labelTerms(f.key).some((t) => asked.has(t)))
    );
  });
}

/**
 * The passages with the first one holding a record the question names by its identity moved to the front.
 * It takes the front passage's likelihood (the answerer's prior) and gives that passage its own: the two
 * trade places in how sure the ranker is; the order is kept otherwise.
 */
export function recordNamedFirst(question: string, passages: Passage[]): Passage[] {
  const ids = identifiersIn(question);
  if (ids.size === 0) return passages;
  const asked = new Set(terms(question));
  const mentions = new RegExp([...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'i');
  const at = passages.findIndex((p) => namesRecord(p.chunk.text, ids, asked, mentions));
  if (at <= 0) return passages;
  const [front, named] = [passages[0]!, passages[at]!];
  const moved = { ...named, score: front.score, likelihood: front.likelihood ?? named.likelihood };
  const displaced = { ...front, likelihood: named.likelihood ?? front.likelihood };
  return [moved, displaced, ...passages.slice(1).filter((p) => p !== named)];
}
