/** A question asking for several things, and the span widened to the list it stands in. */
import { isStopWord, words } from '../text/tokenize.js';
import { balanced, candidates, type Candidate } from './candidates.js';
import { typeFit } from './type-fit.js';
import { focusWord, type AnswerType } from './question-type.js';

/** A plural noun ("systems", "methods"), not a singular ending in s ("status", "process", "analysis"). */
const PLURAL = /[^su]s$|ies$/;

/** Whether the question asks for several things of a kind ("Which operating systems ...", "What are the ..."). */
export function asksForSeveral(question: string): boolean {
  if (/\b(?:what|which) (?:are|were)\b/i.test(question)) return true;
  // The focus as written: its stem has lost the plural ending.
  const word = focusWord(question);
  return word !== undefined && word.length > 3 && PLURAL.test(word);
}

/**
 * The span widened to the list it stands in ("Linux" of "Linux, macOS and Windows Server 2019"):
 * neighbouring candidates joined to it by a comma, "and" or "or", for a question asking for several.
 */
export function coordinated(
  type: AnswerType,
  sentence: string,
  span: Candidate,
  questionStems: ReadonlySet<string>,
): Candidate {
  // A list item says something of its own: not a pronoun or small word ("it"), not the question's words ("two major cities").
  const ownWords = (c: Candidate) => {
    const content = words(c.text).filter((t) => !isStopWord(t.word));
    return content.length > 0 && !content.some((t) => questionStems.has(t.stem));
  };
  const others = candidates(sentence).filter((c) => typeFit(type, c) > 0 && ownWords(c));
  let { start, end } = span;
  for (let grew = true; grew;) {
    grew = false;
    const after = /^(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)/.exec(sentence.slice(end));
    const next = after && others.filter((c) => c.start === end + after[0].length).sort((a, b) => b.end - a.end)[0];
    if (next) ((end = next.end), (grew = true));
    const before = /(?:,\s*|\s+(?:and|or)\s+)$/.exec(sentence.slice(0, start));
    const previous =
      before && others.filter((c) => c.end === start - before[0].length).sort((a, b) => a.start - b.start)[0];
    if (previous) ((start = previous.start), (grew = true));
  }
  if (start === span.start && end === span.end) return span;
  const kept = balanced(sentence, start, end);
  return kept ? { ...kept, text: sentence.slice(kept.start, kept.end), types: span.types } : span;
}
