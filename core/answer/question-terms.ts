/** The question read for evidence: its weighted terms, what it asks for, and which words of a text say its terms. */
import { stem, terms } from '../text/tokenize.js';
import { asksOld } from './changes.js';
import { asksRangeEnd, asksSeriesEnd, type RangeEnd, type SeriesEnd } from './ranges.js';
import { answerType, focusWord } from './question-type.js';
import { askedUnits, type UnitFamily } from './units.js';
import { askedSeason } from './seasons.js';

/** Weight kept by question words the corpus never uses; tuned on the SQuAD tuning articles (1, 0.25, 0.1 tried). */
const UNSEEN_TERM_FACTOR = 0.25;

export type TermWeight = (stem: string) => number;

export interface QuestionTerms {
  stems: string[];
  weights: number[];
  total: number;
  /** Stem of the noun naming the answer's kind ("platform"), when the question has one. */
  focus?: string;
  /** The question asks what kind of thing ("What type of machine …"): a word qualifying the focus noun answers it. */
  asksKind?: boolean;
  /** The question asks how many or how much of its focus noun ("How many shipments …"). */
  counts?: boolean;
  /** The question asks what held before a change ("What was the limit before July?"). */
  asksOld?: boolean;
  /** The question asks for the first or the last of a series (of departures, say). */
  asksSeriesEnd?: SeriesEnd;
  /** Asked who, the agent noun of the question's verb says it too ("the driver" for "who was driving"). */
  byAgent?: boolean;
  /** The question asks for a time of day or hours ("What time should I arrive?", "What hours is it open?"). */
  asksClock?: boolean;
  /** The question asks when something shuts or when it opens: one end of a range of times. */
  asksEnd?: RangeEnd;
  /** The units a "how far / how long" question can be answered in. */
  units?: UnitFamily[];
  /** The months of the season the question names ("in the spring"). */
  season?: number[];
  /** Stem of the noun a "how many" question counts ("item" of "how many items"). */
  counted?: string;
  /** The question asks how much of a quantity ("how much disk space"): an amount with its unit answers it. */
  amountOf?: boolean;
}

/**
 * Words that frame a question rather than name its topic ("where did it take place", "what is it
 * called"); the text that answers it rarely repeats them. Stems.
 */
const QUESTION_FRAME = new Set(
  terms('take place happen happened occur occurred called named known located name refer describe kind type'),
);

/** "What time …" and "what hours …" ask for times of day; "what time period", "what time of year" do not. */
const ASKS_CLOCK =
  /\bwhat time\b(?! (?:period|frame|span|scale|zone|line|of (?:the )?(?:year|month|week)))|\b(?:at )?what hours?\b|\bopening (?:hours|times)\b/i;

const ASKS_KIND = /\b(?:what|which) (?:kinds?|types?|sorts?|forms?|class(?:es)?|variet(?:y|ies)) of\b/i;

/** The question's weighted terms and what it asks for (its focus noun, whether it asks what kind). */
export function questionTerms(question: string, weight: TermWeight): QuestionTerms {
  const focus = focusWord(question);
  const asksKind = ASKS_KIND.test(question);
  const counts = /\bhow (?:many|much)\b/i.test(question);
  const old = asksOld(question);
  const end = asksRangeEnd(question);
  const clock = ASKS_CLOCK.test(question);
  const byAgent = answerType(question) === 'person';
  const series = asksSeriesEnd(question);
  const units = askedUnits(question);
  const season = askedSeason(question);
  const counted = /\bhow many ([\p{L}-]+)/iu.exec(question)?.[1];
  // "How much of it …", "how much did it cost", "how much is …" ask otherwise.
  const amountOf =
    /\bhow much (?!of\b|is\b|are\b|was\b|were\b|did\b|does\b|do\b|will\b|would\b|can\b|could\b|should\b|has\b|have\b|had\b)[\p{L}-]+/iu.test(
      question,
    );
  return {
    ...weightedTerms(question, weight),
    focus: focus && stem(focus),
    ...(asksKind && { asksKind }),
    ...(counts && { counts }),
    ...(old && { asksOld: old }),
    ...(end && { asksEnd: end }),
    ...(clock && { asksClock: clock }),
    ...(byAgent && { byAgent }),
    ...(series && { asksSeriesEnd: series }),
    ...(units && { units }),
    ...(season && { season }),
    ...(counted && { counted: stem(counted.toLowerCase()) }),
    ...(amountOf && { amountOf }),
  };
}

/** Only the question's weighted terms: enough to measure coverage, without tagging the question for its focus. */
export function weightedTerms(question: string, weight: TermWeight): QuestionTerms {
  const stems = [...new Set(terms(question))].filter((s) => !QUESTION_FRAME.has(s));
  // A word no document contains can never be matched; at full (the largest) weight it would sink
  // every paraphrase. The impossible stem below has that weight by construction.
  const unseen = weight('\u0000');
  const weights = stems.map((s) => {
    const w = weight(s);
    return w >= unseen ? w * UNSEEN_TERM_FACTOR : w;
  });
  return { stems, weights, total: weights.reduce((a, b) => a + b, 0) };
}

/**
 * The agent nouns of a who-question's verb, as stems: "driving" is said by "the driver", "owns" by
 * "Owner:", "supervise" by "supervisor" (the stemmer keeps them apart). Only a who-question's: asked how
 * long a warehouse cannot print, "printer" says nothing of printing.
 */
export function agentForms(q: QuestionTerms, stem: string): string[] {
  if (!q.byAgent) return [];
  return stem.endsWith('e') ? [`${stem}r`] : [`${stem}er`, `${stem}or`];
}

const sayersOf = new WeakMap<QuestionTerms, ReadonlyMap<string, string>>();

/**
 * For each stem a text may hold, the question's stem it says: the stem itself, and for a who-question its
 * agent nouns. Built once per question; coverage and the span ranker's closeness read it for every sentence.
 */
export function questionStemSaidBy(q: QuestionTerms): ReadonlyMap<string, string> {
  let map = sayersOf.get(q);
  if (!map) {
    map = new Map(q.stems.flatMap((s) => [[s, s] as const, ...agentForms(q, s).map((a) => [a, s] as const)]));
    sayersOf.set(q, map);
  }
  return map;
}
