import { memoByText } from '../text/memo.js';
import { sentences } from '../text/sentences.js';
import { stem, terms } from '../text/tokenize.js';
import { asksOld } from './changes.js';
import { asksRangeEnd, asksSeriesEnd, type RangeEnd, type SeriesEnd } from './ranges.js';
import { answerType, focusWord } from './question-type.js';
import { askedUnits, type UnitFamily } from './units.js';
import { askedSeason } from './seasons.js';
import { fencedLines, type FencedLine } from '../text/fences.js';
import { isHeading } from '../text/headings.js';
import { recordFields } from '../text/records.js';
import { linesOf, rowHeading } from '../text/tables.js';
import type { Chunk, Passage } from '../types.js';

/** A sentence of a retrieved passage, with how well it covers the question. */
export interface Evidence {
  passage: Passage;
  passageRank: number;
  /** Offsets within the passage's chunk text. */
  start: number;
  end: number;
  text: string;
  /** IDF-weighted share of the question's terms found in the sentence (0..1). */
  coverage: number;
  /** The same share, counted over the sentence and the one before it (pronouns point back). */
  windowCoverage: number;
  /** IDF-weighted share of the question's terms found anywhere in the passage. */
  passageCoverage: number;
  score: number;
  /** A line of a fenced code block: a literal, answered whole. */
  code?: boolean;
  /** A heading, or a question the text asks: it names what follows and answers nothing. */
  heading?: boolean;
}

/**
 * Tuned on the SQuAD tuning articles (evals/split-articles.ts). The rank prior (retrieval / (1 + rank))
 * rose from 0.2 to 0.4 with the learned passage ranker: its first passage is right more often, so it
 * may count more. Where the ranker says how sure it is, that is the prior instead (likelihood × its
 * weight): a close second passage keeps its chance, a clear first one counts more (tuning first
 * citation 0.850 → 0.863; weights 1 to 3 on the likelihood all gave 0.858 to 0.863).
 */
export const EVIDENCE_WEIGHTS = { window: 0.25, passage: 0.4, retrieval: 0.4, likelihood: 0.7 };

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

function coverage(q: QuestionTerms, present: Set<string>): number {
  if (q.total === 0) return 0;
  const saidBy = questionStemSaidBy(q);
  const said = new Set<string>();
  for (const stem of present) {
    const asked = saidBy.get(stem);
    if (asked !== undefined) said.add(asked);
  }
  let hit = 0;
  q.stems.forEach((s, i) => (hit += said.has(s) ? q.weights[i]! : 0));
  return hit / q.total;
}

interface AnalysedSentence {
  text: string;
  start: number;
  end: number;
  own: Set<string>;
  window: Set<string>;
  code?: boolean;
  heading?: boolean;
}

/** A version number ("2.4.0") or an ISO date ("2025-05-06"). */
const DATED_HEADING = /\b\d+\.\d+\.\d+\b|\b\d{4}-\d{2}-\d{2}\b/;

/** Whether the sentence is all its line holds. */
function wholeLine(text: string, s: { start: number; end: number }): boolean {
  return (
    /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, s.start - 200), s.start)) &&
    /^[ \t]*(?:\r?\n|$)/.test(text.slice(s.end, s.end + 200))
  );
}

type LineKind = FencedLine | 'heading' | 'record';

/** What each line of a text is other than prose, by the line's start offset: a code fence, a line of code, a heading, a record. */
function lineKinds(text: string): Map<number, LineKind> {
  const kinds = new Map<number, LineKind>(fencedLines(text));
  const lines = linesOf(text);
  const texts = lines.map((l) => l.text);
  lines.forEach((l, i) => {
    if (kinds.has(l.start)) return;
    if (isHeading(texts, i)) kinds.set(l.start, 'heading');
    else if (recordFields(l.text).length > 0) kinds.set(l.start, 'record');
  });
  return kinds;
}

/**
 * A passage's terms, whole and per sentence (each sentence also with the one before it: pronouns
 * point back). Related questions keep meeting the same passages, so each is analysed once.
 */
const analysed = memoByText((text) => {
  const kinds = lineKinds(text);
  let previous = new Set<string>();
  let prose = previous;
  const parts: AnalysedSentence[] = [];
  let previousLine = -1;
  for (const s of sentences(text)) {
    const line = text.lastIndexOf('\n', s.start - 1) + 1;
    const kind = kinds.get(line);
    // A fence line ("```sh") is markup: no evidence, and no sentence for the next one to lean on.
    if (kind === 'fence') continue;
    const own = new Set(terms(s.text));
    const last = parts.at(-1);
    if (kind === 'code' && last?.code && !text.slice(last.end, s.start).includes('\n')) {
      // A line of code is one literal, however the sentence splitter cut it ("make. && run").
      parts[parts.length - 1] = {
        ...last,
        text: text.slice(last.start, s.end),
        end: s.end,
        own: new Set([...last.own, ...own]),
        window: new Set([...last.window, ...own]),
      };
    } else if (kind === 'code') {
      // Code says what it does in the prose that introduces it ("To re-run a job, find its id, then:").
      parts.push({ ...s, own, window: new Set([...own, ...prose]), code: true });
    } else if (kind === 'record' && line !== previousLine) {
      // A record is whole on its line: the row above is another record ("Australia (Sydney)" under "Canada (Montreal)"), not its context.
      parts.push({ ...s, own, window: own });
    } else {
      // A question standing on its own line ("What happens if my samples fail QC?" in an FAQ) heads its
      // answer, like a heading; inside a paragraph, a question may hold facts ("… with at most 2000 km?").
      // A heading holding a release number or a date ("## [2.4.0] - 2025-05-06" in a changelog) states when that release came.
      const asks =
        (kind === 'heading' && !DATED_HEADING.test(s.text)) || (/\?["'”’)\]]*\s*$/.test(s.text) && wholeLine(text, s));
      parts.push({ ...s, own, window: new Set([...own, ...previous]), ...(asks && { heading: true }) });
      prose = own;
    }
    previous = own;
    previousLine = line;
  }
  return { all: new Set(terms(text)), sentences: parts };
}, 2_000);

/** The terms of the table heading over each table row of the chunk, by offset; none for text without tables. */
function columnTerms(chunk: Chunk): ((offset: number) => Set<string> | undefined) | undefined {
  if (!chunk.text.includes('|')) return undefined;
  const lines = linesOf(chunk.text);
  return (offset) => {
    const heading = rowHeading(lines, offset, chunk.tableHeading);
    return heading && new Set(terms(heading.text));
  };
}

/** Every sentence of the top passages, scored; best first. */
export function rankEvidence(q: QuestionTerms, passages: Passage[], maxPassages = 5): Evidence[] {
  const out: Evidence[] = [];
  const w = EVIDENCE_WEIGHTS;
  passages.slice(0, maxPassages).forEach((passage, passageRank) => {
    const prior =
      passage.likelihood !== undefined ? w.likelihood * passage.likelihood : w.retrieval / (1 + passageRank);
    const { all, sentences: parts } = analysed(passage.chunk.text);
    const passageCoverage = coverage(q, all);
    const columns = columnTerms(passage.chunk);
    for (const s of parts) {
      // A row says what its cells are only with its table's heading ("Manchester | £140" is a hotel cap
      // per night), once it says something of the question itself: every row has the heading.
      const heading = columns && coverage(q, s.own) > 0 ? columns(s.start) : undefined;
      const own = heading ? new Set([...s.own, ...heading]) : s.own;
      const cov = coverage(q, own);
      const windowCoverage = coverage(q, heading ? own : s.window);
      // Coverage dominates; the retriever's judgement of the whole passage breaks near-ties.
      const score = cov + w.window * windowCoverage + w.passage * passageCoverage + prior;
      out.push({
        passage,
        passageRank,
        start: s.start,
        end: s.end,
        text: s.text,
        coverage: cov,
        windowCoverage,
        passageCoverage,
        score,
        ...(s.code && { code: true }),
        ...(s.heading && { heading: true }),
      });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}
