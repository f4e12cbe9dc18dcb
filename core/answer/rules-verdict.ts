import type { Evidence, QuestionTerms } from './evidence.js';
import { askedNextOne, saysNextOne } from './next-one.js';
import type { AnswerType } from './question-type.js';
import type { RuleVerdict } from './reader/features.js';
import { asksForSeveral, coordinated, rankSpans, type ScoredSpan } from './spans.js';
import { STRONG_FIT } from './type-fit.js';

/**
 * The hand-written phrase choice: the phrase of the kind the question asks for, best by the
 * hand-weighted span score. The learned reader weighs its verdict as a feature; READER=rules answers with it.
 */

/** A question the rules of `prepare` left open: what the reader chooses a phrase for. */
export interface OpenQuestion {
  question: string;
  q: QuestionTerms;
  type: AnswerType;
  /** Every ranked sentence of the passages. */
  evidence: Evidence[];
  /** Those whose passage names everything the question names. */
  named: Evidence[];
  best: Evidence;
  /** The sentences searched for the answer's phrase. */
  sentences: Evidence[];
  /** No passage names everything the question names, so `named` is every sentence. */
  namesUnsaid: boolean;
}

/** What the rules read of the answerer's settings. */
export interface RuleSettings {
  minCoverage: number;
  spanSentences: number;
}

/**
 * Who-questions also search the sentences covering the question at least AS_GOOD as well as the best,
 * down to the PERSON_SEARCH-th (chosen on techdocs-4; searching so for every kind of question cost
 * techdocs-3 an answer).
 */
export const PERSON_SEARCH = 12;
export const AS_GOOD = 0.95;
/**
 * A question wanting a date, number, price, measure or person, with no such phrase in the top sentences,
 * is answered from those down to the PERSON_SEARCH-th covering it at least this share as well as the best
 * before it is "not in the documents". Chosen on techdocs-6 from 0.8, 0.6 and 0.5: 0.6 found two more right
 * sentences elsewhere but answered them with wrong phrases ("every year" for when a policy took effect) and
 * answered a SQuAD tuning question it should not; 0.5 also lost abstentions on techdocs-4.
 */
const FALLBACK_SHARE = 0.8;

/** "When am I allowed …", "When can staff …": asking under what condition as often as on what date. */
const ASKS_CONDITION =
  /^\W*when (?:am|are|is|can|could|may|must|should|do|does) (?:i|we|you|they|staff|employees|people|users|customers|members|students|visitors|tenants|patients|parents)\b/i;

/** Question types answered by a phrase of their kind or not at all. */
const needsType = (type: AnswerType) =>
  type === 'date' ||
  type === 'number' ||
  type === 'money' ||
  type === 'measure' ||
  type === 'person' ||
  type === 'phone';

/** What the hand-written rules answer for an open question. */
export function rulesVerdict(open: OpenQuestion, settings: RuleSettings): RuleVerdict {
  const { question, q, type, named, best, sentences } = open;
  const typed = type !== 'reason' && type !== 'other';
  const needed = needsType(type);
  const ranked = rankSpans(type, q, sentences);
  // Where the sentences worded most like the question hold no phrase of the kind asked for ("They are
  // destroyed after 90 days" follows the sentences naming lost phones), those further down that still cover much of it may.
  const further = () => {
    const fair = named
      .slice(settings.spanSentences, PERSON_SEARCH)
      .filter(
        (e) => e.windowCoverage >= FALLBACK_SHARE * best.windowCoverage && e.windowCoverage >= settings.minCoverage,
      );
    return rankSpans(type, q, fair).find((s) => s.typeFit >= STRONG_FIT);
  };
  // A who/when/how-many question is answered by a phrase of that kind or not at all; "When am I allowed
  // to …?" may be answered by the condition a sentence states instead of a date.
  // Asked "what time", a time of day in the top sentences answers before a day without one ("every day").
  const clock = q.asksClock ? ranked.find((s) => s.typeFit > STRONG_FIT) : undefined;
  const span =
    (needed && nextOne(open, settings)) ||
    clock ||
    (needed ? (ranked.find((s) => s.typeFit >= STRONG_FIT) ?? further()) : ranked[0]);
  if (needed && !span && !(type === 'date' && ASKS_CONDITION.test(question)))
    return { abstained: true, reason: 'no-typed-span' };
  if (!span || !typed) return { abstained: false, evidence: best, text: best.text };
  // A question asking for several ("Which operating systems ...") is answered by the whole list the phrase stands in.
  const phrase = asksForSeveral(question)
    ? coordinated(type, span.evidence.text, span.candidate, new Set(q.stems))
    : span.candidate;
  return { abstained: false, evidence: span.evidence, text: phrase.text };
}

/**
 * Asked about the next (or previous) occasion of something, the phrase of the kind asked for where the
 * text says so ("**Next meeting:** Wednesday 11 June", or under "## Date of next meeting"), among the
 * sentences that cover the question at all; the ones worded most like it tend to give this occasion's date.
 */
function nextOne(open: OpenQuestion, settings: RuleSettings): ScoredSpan | undefined {
  const asked = askedNextOne(open.question);
  if (!asked) return undefined;
  const saying = open.named
    .slice(0, PERSON_SEARCH)
    .filter((e) => e.windowCoverage >= settings.minCoverage && saysNextOne(withLineBefore(e), asked));
  return rankSpans(open.type, open.q, saying).find((s) => s.typeFit >= STRONG_FIT);
}

/** The sentence with the line before it: a heading ("## Date of next meeting") names what its first line gives. */
function withLineBefore(e: Evidence): string {
  const before = e.passage.chunk.text.slice(0, e.start).trimEnd();
  return `${before.slice(before.lastIndexOf('\n') + 1)}\n${e.text}`;
}
