/** What the span score reads about one candidate span in its sentence. */
export interface SpanFacts {
  /** How well the span's types answer the question's type. */
  fit: number;
  /** Nearness to the question's rare words in the sentence (0..1). */
  closeness: number;
  /** Share of the span's words that repeat the question. */
  echo: number;
  words: number;
  /** The score of the sentence holding the span. */
  evidenceScore: number;
  /** 1 when the span stands beside the question's focus noun ("platform X" for "which platform"). */
  beside: number;
  /** 1 when a change the sentence states replaced the span ("from 8080 to 9443"), or the span replaced what the question asks held before. */
  replaced: number;
  /** 1 when the question asks what held before and the sentence says the span did ("increased from £2.00"). */
  former: number;
  /** 1 when the question asks for the first or last of a series and the span is that time ("07:35", first of a timetable row). */
  seriesEnd: number;
  /** 1 when the span holds the end of a range the question does not ask for ("10:00" of "from 10:00 to 13:00", asked when it shuts). */
  otherEnd: number;
  /** 1 when the span is the value a label naming the question's words introduces ("Punctuality (…): **87.4%**"). */
  labelled: number;
}

/**
 * Weights chosen on the SQuAD tuning articles; exported so tuning scripts can vary them. `replaced`
 * (from techdocs-3) only has to outweigh closeness and being beside the focus: the old value of
 * "from 8080 to 9443" stands nearer the question's words; no SQuAD tuning answer moved. `otherEnd`
 * (from techdocs-5) likewise: the opening time of "from 10:00 to 13:00" stands nearer. `former` and
 * `seriesEnd` (from techdocs-6) only break near-ties between values of one sentence or row; `labelled` (from
 * techdocs-4 and -6) as much as standing beside the focus noun.
 */
export const SPAN_WEIGHTS = { evidence: 2, beside: 1, replaced: 3, otherEnd: 3, former: 1, seriesEnd: 2, labelled: 1 };

/**
 * How likely a span answers the question: type fit, nearness to the question's rare words, not
 * echoing the question, short, in a well-covering sentence, beside the noun the question asks
 * about, not a value a stated change replaced. (Logistic rankers over these facts and more, trained on the SQuAD tuning articles, did
 * no better on them; see README.)
 */
export function spanScore(f: SpanFacts): number {
  return (
    f.fit +
    1.5 * f.closeness -
    2.5 * f.echo -
    0.15 * Math.max(0, f.words - 5) +
    SPAN_WEIGHTS.evidence * f.evidenceScore +
    SPAN_WEIGHTS.beside * f.beside -
    SPAN_WEIGHTS.replaced * f.replaced -
    SPAN_WEIGHTS.otherEnd * f.otherEnd +
    SPAN_WEIGHTS.former * f.former +
    SPAN_WEIGHTS.seriesEnd * f.seriesEnd +
    SPAN_WEIGHTS.labelled * f.labelled
  );
}
