import { sentences } from '../text/sentences.js';
import { terms } from '../text/tokenize.js';
import type { Citation, Passage } from '../types.js';
import { citationFor } from './citations.js';
import type { Evidence } from './evidence.js';
import { markersIn } from './markers.js';

/**
 * Below this share of a sentence's content words (stemmed, stop words out) found in the passages
 * it cites, the sentence is flagged unsupported. Lenient on purpose: a model paraphrases, and a
 * flag on a faithful sentence costs more trust than one missed on a loose one.
 */
export const MIN_SUPPORT = 0.5;

export interface Claim {
  /** The sentence as it appears in the answer, markers included. */
  text: string;
  /** Citation positions (1-based) its markers name. */
  cites: number[];
  stems: string[];
}

/**
 * The answer's sentences with the markers each one carries. A marker a model puts after the full
 * stop ("… in 2021. [1]") belongs to the sentence before it.
 */
export function claims(answer: string): Claim[] {
  const out: Claim[] = [];
  for (const s of sentences(answer)) {
    const lead = /^(?:\s*\[\d+\])+/.exec(s.text);
    const previous = out.at(-1);
    if (lead && previous) previous.cites.push(...markersIn(lead[0]));
    const text = (lead && previous ? s.text.slice(lead[0].length) : s.text).trim();
    if (!text) continue;
    out.push({ text, cites: markersIn(text), stems: [...new Set(terms(text.replace(/\[\d+\]/g, ' ')))] });
  }
  return out.filter((c) => c.stems.length > 0 || c.cites.length > 0);
}

function overlap(stems: string[], present: Set<string>): number {
  if (stems.length === 0) return 1;
  return stems.filter((s) => present.has(s)).length / stems.length;
}

/** Sentences citing nothing, or whose cited passages say too little of what they claim. */
export function unsupportedClaims(all: Claim[], citedPassages: Passage[]): string[] {
  const stemsOf = citedPassages.map((p) => new Set(terms(p.chunk.text)));
  return all
    .filter((claim) => {
      if (claim.stems.length === 0) return false;
      const sources = claim.cites.map((n) => stemsOf[n - 1]).filter((s): s is Set<string> => s !== undefined);
      if (sources.length === 0) return true;
      return overlap(claim.stems, new Set(sources.flatMap((s) => [...s]))) < MIN_SUPPORT;
    })
    .map((c) => c.text);
}

/** The citation for one passage: the sentence of it that best supports the claims citing it. */
export function citationForPassage(passage: Passage, position: number, all: Claim[]): Citation {
  const wanted = [...new Set(all.filter((c) => c.cites.includes(position)).flatMap((c) => c.stems))];
  let best: { start: number; end: number; text: string; score: number } | undefined;
  for (const s of sentences(passage.chunk.text)) {
    const score = overlap(wanted, new Set(terms(s.text)));
    if (!best || score > best.score) best = { ...s, score };
  }
  const chosen = best ?? { start: 0, end: passage.chunk.text.length, text: passage.chunk.text, score: 0 };
  const evidence: Evidence = { passage, passageRank: 0, coverage: chosen.score, windowCoverage: chosen.score, passageCoverage: chosen.score, ...chosen };
  return citationFor(evidence);
}
