import type { AnswerEvent } from '../protocol.js';
import { commandIn } from '../text/fences.js';
import { asOneLine } from '../text/lines.js';
import type { Citation, Passage, Turn } from '../types.js';
import { CLOSEST_PASSAGE, NOT_IN_DOCUMENTS, type AnswerInput, type Answerer } from './answerer.js';
import { asksWhy, statedCause } from './causes.js';
import { asksRelease, releaseOf } from './releases.js';
import { citationFor } from './citations.js';
import { rankEvidence, type Evidence, type QuestionTerms, type TermWeight } from './evidence.js';
import { termsInContext } from './follow-up.js';
import { answerType, asksHowTo, type AnswerType } from './question-type.js';
import { acrossRows } from './timetable.js';
import { asksForSeveral, coordinated } from './spans.js';
import { lacksAskedField, onStructuredLine, onTableHeading, rowsSayingNames, structuredAnswer } from './structured.js';
import { missingNames, otherKind, unsaidNegation } from './unsaid.js';
import type { Candidate } from './candidates.js';
import { questionContext } from './reader/question.js';
import { LearnedReader, readerInput, type Reading } from './reader/reader.js';
import type { SpanScores } from './reader/neural/span-scores.js';
import type { RuleVerdict } from './reader/features.js';
import { wantsSentence } from './answer-shape.js';
import { AS_GOOD, PERSON_SEARCH, rulesVerdict, type OpenQuestion } from './rules-verdict.js';

export type { OpenQuestion } from './rules-verdict.js';

export interface ExtractiveSettings {
  /** Below this share of the question's (IDF-weighted) terms in the best sentence and its neighbour, abstain. */
  minCoverage: number;
  /** Evidence sentences searched for a short answer. */
  spanSentences: number;
  maxCitations: number;
}

/**
 * Tuned on the SQuAD tuning articles. Coverage barely tells answerable from not (SQuAD's
 * unanswerable questions reuse the paragraph's words), so minCoverage only catches clear misses:
 * 0.3 → 0.25 cut wrongful abstention 0.059 → 0.040 for abstention recall 0.350 → 0.333.
 * Four sentences searched for a span rather than three: F1 +0.002, first citation +0.006.
 */
export const DEFAULT_EXTRACTIVE: ExtractiveSettings = { minCoverage: 0.25, spanSentences: 4, maxCitations: 3 };

/** A sentence giving a cause answers "why" when it (with the sentence before it) covers the question at least this share as well as the best sentence. */
const CAUSE_COVERAGE = 0.8;

export type AbstainReason =
  'low-coverage' | 'missing-name' | 'missing-field' | 'no-typed-span' | 'negation' | 'other-kind' | 'unlikely';

export interface Extraction {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /** Why it abstained; for diagnosis in evals, not sent to clients. */
  reason?: AbstainReason;
  /** A declined answer that shows the closest sentence instead (its first citation). */
  closest?: boolean;
  /** The learned reader's probability that the documents answer the question. */
  confidence?: number;
}

let shared: LearnedReader | undefined;
/** One reader for every answerer: the model files are read once. */
const defaultReader = () => (shared ??= new LearnedReader());

const abstain = (reason: AbstainReason): Extraction => ({
  answer: NOT_IN_DOCUMENTS,
  abstained: true,
  citations: [],
  reason,
});

/**
 * The sentences whose passage says every name and number the question mentions, or whose document
 * does in another retrieved passage (a contract names its parties once, at the top). A passage
 * about another country's prime minister may cover the question best and still not answer it; the
 * next passage that names the right country may.
 */
function namingEverything(question: string, evidence: Evidence[], minCoverage: number): Evidence[] {
  const passages = [...new Set(evidence.map((e) => e.passage))];
  const missing = new Map(passages.map((p) => [p, missingNames(question, p.chunk.text)]));
  const says = (p: Passage) => {
    const sameFile = passages.filter((o) => o.chunk.source === p.chunk.source);
    return missing.get(p)!.every((name) => sameFile.some((o) => !missing.get(o)!.includes(name)));
  };
  const verdict = new Map(passages.map((p) => [p, says(p)]));
  const rowSays = rowsSayingNames(question, evidence);
  // A sentence covering too little of the question never answers: its row need not be read.
  return evidence.filter((e) => verdict.get(e.passage) && (e.windowCoverage < minCoverage || rowSays(e)));
}

/** A question naming its release already ("What did version 2.3 add?") asks something else of it. */
const RELEASE_IN_QUESTION = /\b\d+\.\d+\b/;

/**
 * The command in the code block a sentence introduces ("Back up the configuration:" over
 * "```sh / sudo pbagent backup …"): what "how do I …" asks for, where the sentence only leads to it.
 */
function commandAfter(sentence: Evidence, evidence: Evidence[]): { command: string; evidence: Evidence } | undefined {
  const text = sentence.passage.chunk.text;
  for (const e of evidence) {
    if (!e.code || e.passage !== sentence.passage || e.start < sentence.end) continue;
    if (!/^\s*(?:(?:```|~~~)[^\n]*\n\s*)?$/.test(text.slice(sentence.end, e.start))) continue;
    const command = commandIn(e.text);
    if (command) return { command: command.text, evidence: e };
  }
  return undefined;
}

/**
 * The offline answerer: finds the sentence that best covers the question, then the phrase in it
 * of the type the question asks for (a date for "when", a person for "who", ...), verbatim. It
 * abstains when no sentence covers the question, when no passage names what it asks about, or when
 * the question asks what is not so and the answering sentence does not say that.
 */
export class ExtractiveAnswerer implements Answerer {
  constructor(
    private readonly termWeight: TermWeight,
    private readonly settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
    /** The learned phrase choice and no-answer decision; without it, the hand-weighted rules choose. */
    readonly reader: LearnedReader | null = defaultReader(),
  ) {}

  async *answer(input: AnswerInput): AsyncIterable<AnswerEvent> {
    const result = await this.extract(input.question, input.passages, input.history);
    for (const piece of result.answer.match(/\S+\s*/g) ?? []) {
      if (input.signal?.aborted) return;
      yield { type: 'delta', text: piece };
    }
    const { answer, abstained, citations, closest, confidence } = result;
    yield {
      type: 'done',
      answer,
      abstained,
      citations,
      ...(closest ? { closest } : {}),
      ...(confidence !== undefined ? { confidence } : {}),
    };
  }

  async extract(question: string, passages: AnswerInput['passages'], history?: readonly Turn[]): Promise<Extraction> {
    const open = this.prepare(question, passages, history);
    if ('answer' in open) return open;
    if (!this.reader) return this.readByRules(open);
    return this.readLearned(open, await this.reader.spanScores(question, open.sentences));
  }

  /**
   * Everything before the phrase is chosen: the sentences ranked, the abstentions for a question no
   * passage covers or names, and the answers read off structure (tables, records, releases, causes,
   * commands). What is left is an open question for the reader.
   */
  prepare(question: string, passages: AnswerInput['passages'], history?: readonly Turn[]): Extraction | OpenQuestion {
    const q = termsInContext(question, history, this.termWeight);
    // A table's heading line names columns; it states nothing, so it answers nothing ("Setting" for "the default port").
    // Nor does a section's heading ("## Rolling back"): the sentences under it do.
    const evidence = rankEvidence(q, passages).filter((e) => !e.heading && !onTableHeading(e));
    if (!evidence[0] || evidence[0].windowCoverage < this.settings.minCoverage) return abstain('low-coverage');
    const type = answerType(question);
    // A timetable's answer lies across two rows, each leaving a name of the question unsaid: read it before abstaining for that.
    const across = type === 'date' ? acrossRows(question, evidence) : undefined;
    if (across)
      return { answer: across.cell.text, abstained: false, citations: this.citations(across.evidence, evidence) };
    const naming = namingEverything(question, evidence, this.settings.minCoverage);
    // No passage names everything the question does: often unanswerable, but not always (a name spelt
    // otherwise, a paper that names its subject once). The reader weighs it (namesUnsaid); the rules decline.
    const namesUnsaid = !naming[0] || naming[0].windowCoverage < this.settings.minCoverage;
    const named = namesUnsaid ? evidence : naming;
    const best = named[0]!;
    const top = named
      .slice(0, this.settings.spanSentences)
      .filter((e) => e.windowCoverage >= this.settings.minCoverage);
    if (namesUnsaid) return { question, q, type, evidence, named, best, sentences: top, namesUnsaid };
    if (lacksAskedField(q, best)) return abstain('missing-field');
    const structured = this.fromStructure(question, q, type, top, evidence);
    if (structured) return structured;

    if (asksRelease(q) && !RELEASE_IN_QUESTION.test(question)) {
      const release = releaseOf(best);
      if (release) return { answer: release, abstained: false, citations: this.citations(best, evidence) };
    }
    if (asksWhy(question)) {
      const cause = this.fromCause(named, best, evidence);
      if (cause) return cause;
    }
    if (type === 'reason' && asksHowTo(question)) {
      const block = commandAfter(best, evidence);
      if (block)
        return { answer: block.command, abstained: false, citations: this.citations(block.evidence, evidence) };
    }
    // A person is named once, often not in the sentences worded most like the question ("Illumina have an
    // engineer booked"): who-questions also search the sentences as good as the best further down.
    const asGood =
      type === 'person'
        ? named
            .slice(this.settings.spanSentences, PERSON_SEARCH)
            .filter((e) => e.windowCoverage >= AS_GOOD * best.windowCoverage)
        : [];
    return { question, q, type, evidence, named, best, sentences: [...top, ...asGood], namesUnsaid };
  }

  /**
   * The learned reader chooses the phrase (or the whole sentence) and says whether it answers at
   * all; what the rules would answer is one of the things it weighs.
   */
  readLearned(open: OpenQuestion, neural?: SpanScores): Extraction {
    const { question, q, type, evidence, best, sentences } = open;
    const ctx = questionContext(question, q, type, best.score);
    const reading = this.reader!.read(
      readerInput(ctx, sentences, evidence, this.rulesVerdict(open), neural, open.namesUnsaid),
    );
    return { ...this.fromReading(open, reading), confidence: Number(reading.answerable.toFixed(4)) };
  }

  /** What a reading says: its phrase or sentence, the closest passage, or that the documents do not answer. */
  private fromReading(open: OpenQuestion, reading: Reading): Extraction {
    const { question, q, type, evidence } = open;
    const reader = this.reader!;
    const first = reading.ranked[0]?.candidate;
    if (!first) return abstain('unlikely');
    const chosen = first.evidence;
    if (reading.answerable < reader.threshold) {
      return reading.answerable >= reader.closestFloor ? this.closestPassage(chosen, evidence) : abstain('unlikely');
    }
    // A reason, a procedure or a summary is answered by the sentence the phrase stands in.
    const phrase: Candidate | undefined =
      first.sentence || wantsSentence(question)
        ? undefined
        : { text: first.text, start: first.start, end: first.end, types: new Set(first.types) };
    // A question asking for several ("Which operating systems ...") is answered by the whole list the phrase stands in.
    const text =
      phrase && asksForSeveral(question)
        ? coordinated(type, chosen.text, phrase, new Set(q.stems)).text
        : (phrase?.text ?? chosen.text);
    return this.checked(question, chosen, text, evidence);
  }

  /**
   * Between a confident answer and "not in the documents": the reader doubts its phrase but not that
   * the documents are near the question, so it declines and shows the sentence it would have read.
   */
  private closestPassage(chosen: Evidence, evidence: Evidence[]): Extraction {
    return {
      answer: `${CLOSEST_PASSAGE} "${asOneLine(chosen.text)}"`,
      abstained: true,
      closest: true,
      reason: 'unlikely',
      citations: this.citations(chosen, evidence),
    };
  }

  /** The hand-weighted phrase choice the learned reader replaces; kept to compare against (READER=rules). */
  private readByRules(open: OpenQuestion): Extraction {
    if (open.namesUnsaid) return abstain('missing-name');
    const verdict = this.rulesVerdict(open);
    return verdict.abstained
      ? abstain(verdict.reason)
      : this.checked(open.question, verdict.evidence, verdict.text, open.evidence);
  }

  /** An answer from this sentence, unless the question asks what is not so or of another kind than it says. */
  private checked(question: string, chosen: Evidence, text: string, evidence: Evidence[]): Extraction {
    if (unsaidNegation(question, chosen.text)) return abstain('negation');
    if (otherKind(question, chosen.text)) return abstain('other-kind');
    // A sentence wrapped over lines reads as one line in the answer; its citation quotes it as it stands.
    return { answer: asOneLine(text), abstained: false, citations: this.citations(chosen, evidence) };
  }

  /** What the hand-written rules answer (rules-verdict.ts): what READER=rules says, and a feature of the learned reader. */
  rulesVerdict(open: OpenQuestion): RuleVerdict {
    return rulesVerdict(open, this.settings);
  }

  /**
   * A why-question's answer: of the sentences that (with the one before) cover the question nearly as
   * well as the best, the cause one states ("… because the logs were not pruned" → "the logs were not pruned").
   */
  private fromCause(named: Evidence[], best: Evidence, evidence: Evidence[]): Extraction | undefined {
    const close = named.filter(
      (e) => e.windowCoverage >= CAUSE_COVERAGE * best.windowCoverage && e.windowCoverage >= this.settings.minCoverage,
    );
    for (const e of close) {
      const said = statedCause(e.text);
      if (said) return { answer: asOneLine(said.text), abstained: false, citations: this.citations(e, evidence) };
    }
    return undefined;
  }

  /**
   * A table row answers from the column the question names, a record from the field it names. The
   * best sentences are read while they lie on such lines: a row below the best may be the one whose
   * named cell is not empty or does not repeat the question.
   */
  private fromStructure(
    question: string,
    q: QuestionTerms,
    type: AnswerType,
    top: Evidence[],
    evidence: Evidence[],
  ): Extraction | undefined {
    for (const e of top) {
      if (!onStructuredLine(e)) return undefined;
      const cell = structuredAnswer(q, type, e);
      if (cell && !unsaidNegation(question, e.text))
        return { answer: cell.text, abstained: false, citations: this.citations(e, evidence) };
    }
    return undefined;
  }

  /**
   * The answer's sentence first, then other sentences that cover the question nearly as well; one
   * per place (file and lines), since two sentences of one line would show as two identical chips.
   */
  private citations(chosen: Evidence, evidence: Evidence[]): Citation[] {
    const others = evidence.filter((e) => e !== chosen && e.coverage >= 0.8 * chosen.coverage && e.coverage > 0);
    const unique = new Map<string, Citation>();
    for (const e of [chosen, ...others]) {
      // Enough places found: placing each further sentence reads the chunk up to it, and a long log may hold thousands as good.
      if (unique.size === this.settings.maxCitations) break;
      const c = citationFor(e);
      const place = `${c.source}:${c.startLine}-${c.endLine}`;
      if (!unique.has(place)) unique.set(place, c);
    }
    return [...unique.values()].slice(0, this.settings.maxCitations);
  }
}
