import type { AnswerEvent } from '../protocol.js';
import type { Citation } from '../types.js';
import { NOT_IN_DOCUMENTS, type AnswerInput, type Answerer } from './answerer.js';
import { citationFor } from './citations.js';
import { questionTerms, rankEvidence, type Evidence, type TermWeight } from './evidence.js';
import { answerType } from './question-type.js';
import { rankSpans, STRONG_FIT } from './spans.js';
import { missingNames } from './unsaid.js';

export interface ExtractiveSettings {
  /** Below this share of the question's (IDF-weighted) terms in the best sentence and its neighbour, abstain. */
  minCoverage: number;
  /** Evidence sentences searched for a short answer. */
  spanSentences: number;
  maxCitations: number;
}

/** minCoverage tuned on the SQuAD tuning articles: coverage barely tells answerable from not, so it only catches clear misses. */
export const DEFAULT_EXTRACTIVE: ExtractiveSettings = { minCoverage: 0.3, spanSentences: 3, maxCitations: 3 };

export type AbstainReason = 'low-coverage' | 'missing-name' | 'no-typed-span';

export interface Extraction {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /** Why it abstained; for diagnosis in evals, not sent to clients. */
  reason?: AbstainReason;
}

/**
 * The offline answerer: finds the sentence that best covers the question, then the phrase in it
 * of the type the question asks for (a date for "when", a person for "who", ...), verbatim. It
 * abstains when no sentence covers the question or the passages never name what it asks about.
 */
export class ExtractiveAnswerer implements Answerer {
  constructor(
    private readonly termWeight: TermWeight,
    private readonly settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
  ) {}

  async *answer(input: AnswerInput): AsyncIterable<AnswerEvent> {
    const result = this.extract(input.question, input.passages);
    for (const piece of result.answer.match(/\S+\s*/g) ?? []) {
      if (input.signal?.aborted) return;
      yield { type: 'delta', text: piece };
    }
    yield { type: 'done', answer: result.answer, abstained: result.abstained, citations: result.citations };
  }

  extract(question: string, passages: AnswerInput['passages']): Extraction {
    const q = questionTerms(question, this.termWeight);
    const evidence = rankEvidence(q, passages);
    const best = evidence[0];
    const abstain = (reason: AbstainReason): Extraction => ({ answer: NOT_IN_DOCUMENTS, abstained: true, citations: [], reason });
    if (!best || best.windowCoverage < this.settings.minCoverage) return abstain('low-coverage');
    if (missingNames(question, best.passage.chunk.text).length > 0) return abstain('missing-name');

    const type = answerType(question);
    const top = evidence.slice(0, this.settings.spanSentences).filter((e) => e.windowCoverage >= this.settings.minCoverage);
    const typed = type !== 'reason' && type !== 'other';
    const needsType = type === 'date' || type === 'number' || type === 'person';
    const ranked = rankSpans(type, q, top);
    // A who/when/how-many question is answered by a phrase of that kind or not at all.
    const span = needsType ? ranked.find((s) => s.typeFit >= STRONG_FIT) : ranked[0];
    if (needsType && !span) return abstain('no-typed-span');

    const chosen: Evidence = span && typed ? span.evidence : best;
    const answer = span && typed ? span.candidate.text : best.text;
    return { answer, abstained: false, citations: this.citations(chosen, evidence) };
  }

  /** The answer's sentence first, then other sentences that cover the question nearly as well. */
  private citations(chosen: Evidence, evidence: Evidence[]): Citation[] {
    const others = evidence.filter((e) => e !== chosen && e.coverage >= 0.8 * chosen.coverage && e.coverage > 0);
    const unique = new Map<string, Citation>();
    for (const e of [chosen, ...others]) {
      const c = citationFor(e);
      unique.set(`${c.source}:${c.quote}`, unique.get(`${c.source}:${c.quote}`) ?? c);
    }
    return [...unique.values()].slice(0, this.settings.maxCitations);
  }
}
