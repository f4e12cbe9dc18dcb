import { questionStemSaidBy, type QuestionTerms } from './question-terms.js';
import { analysed, columnTerms } from './passage-sentences.js';
import type { Passage } from '../types.js';

export {
  agentForms,
  questionStemSaidBy,
  questionTerms,
  weightedTerms,
  type QuestionTerms,
  type TermWeight,
} from './question-terms.js';

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
