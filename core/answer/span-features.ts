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
}

/** Weights chosen on the SQuAD tuning articles; exported so tuning scripts can vary them. */
export const SPAN_WEIGHTS = { evidence: 2, beside: 1 };

/**
 * How likely a span answers the question: type fit, nearness to the question's rare words, not
 * echoing the question, short, in a well-covering sentence, beside the noun the question asks
 * about. (Logistic rankers over these facts and more, trained on the SQuAD tuning articles, did
 * no better on them; see README.)
 */
export function spanScore(f: SpanFacts): number {
  return f.fit + 1.5 * f.closeness - 2.5 * f.echo - 0.15 * Math.max(0, f.words - 5) + SPAN_WEIGHTS.evidence * f.evidenceScore + SPAN_WEIGHTS.beside * f.beside;
}
