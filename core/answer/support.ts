import { sentences } from '../text/sentences.js';
import { terms } from '../text/tokenize.js';
import type { Citation, Passage } from '../types.js';
import { citationFor } from './citations.js';
import type { Evidence } from './evidence.js';
import { proseOnly } from './code-spans.js';
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
  // Markers are looked for in the prose only: `x[2]` in code cites nothing. Sentences are cut from the
  // answer itself and read in this blanked copy by offset, since a code span may hold a sentence break.
  const prose = proseOnly(answer);
  for (const s of sentences(answer)) {
    const view = prose.slice(s.start, s.end);
    const lead = /^(?:\s*\[\d+\])+/.exec(view);
    const previous = out.at(-1);
    const from = lead && previous ? lead[0].length : 0;
    if (lead && previous) previous.cites.push(...markersIn(lead[0]));
    const text = s.text.slice(from).trim();
    if (!text) continue;
    out.push({
      text,
      cites: markersIn(view.slice(from)),
      stems: [...new Set(terms(unmarked(s.text.slice(from), view.slice(from))))],
    });
  }
  return out.filter((c) => c.stems.length > 0 || c.cites.length > 0);
}

/** The sentence without the markers its prose view shows (right to left, so earlier offsets hold). */
function unmarked(sentence: string, view: string): string {
  return [...view.matchAll(/\[\d+\]/g)].reduceRight(
    (text, m) => `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`,
    sentence,
  );
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
  const evidence: Evidence = {
    passage,
    passageRank: 0,
    coverage: chosen.score,
    windowCoverage: chosen.score,
    passageCoverage: chosen.score,
    ...chosen,
  };
  return citationFor(evidence);
}
