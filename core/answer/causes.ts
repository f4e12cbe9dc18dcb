/**
 * Why-questions: the answer is the cause a sentence gives ("… ran out of disk space because
 * container logs were no longer being pruned"), not the whole sentence, and a sentence that
 * gives a cause answers "why" better than one that only shares its words.
 */

/** "Why …", "For what reason …", "What caused …", "What was the cause of …". */
const WHY =
  /\b(?:why|for what reason|what (?:caused|causes|led to|leads to)|what (?:is|was|were|are) the (?:root |main |underlying )?(?:causes?|reasons?) (?:of|for)\b)/i;

export function asksWhy(question: string): boolean {
  return WHY.test(question);
}

/** Words that introduce a cause. "since" and "as" are left out: as often they say when or how. */
const CAUSE = /\b(?:because(?: of)?|due to|owing to|as a result of|caused by|on account of|thanks to)\s+/i;

/** Words that introduce a purpose, kept in the answer: "so that staff can check the cartridge" reads as a reason; "staff can check" alone does not. */
const PURPOSE = /\b(?:so that|so as to|in order (?:to|that))\s+/i;

/** The clause a cue introduces, to the end of the sentence (its closing punctuation left out), with offsets in the sentence. */
export function statedCause(sentence: string): { text: string; start: number; end: number } | undefined {
  const because = CAUSE.exec(sentence);
  const purpose = because ? undefined : PURPOSE.exec(sentence);
  if (!because && !purpose) return undefined;
  const start = because ? because.index + because[0].length : purpose!.index;
  const rest = sentence.slice(start);
  const text = rest.replace(/[\s.;:!?,]+$/, '');
  return text.length > 0 ? { text, start, end: start + text.length } : undefined;
}
