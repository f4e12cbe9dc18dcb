import { memoByText } from '../text/memo.js';
import { isStopWord, words } from '../text/tokenize.js';
import type { Passage } from '../types.js';
import { rankEvidence, weightedTerms, type TermWeight } from './evidence.js';
import { missingNames } from './unsaid.js';

/** What the passage ranker reads about each passage, in the order its weights are stored. */
export const PASSAGE_FEATURES = [
  'retrievalRank',
  'lexical',
  'vector',
  'coverage',
  'windowCoverage',
  'passageCoverage',
  'missingNames',
  'bigrams',
] as const;

/** Adjacent content-word stems ("battl hast" for "Battle of Hastings"): word order the bag of terms loses. */
function stemBigrams(text: string): Set<string> {
  const stems = words(text)
    .filter((t) => !isStopWord(t.word))
    .map((t) => t.stem);
  return new Set(stems.slice(1).map((s, i) => `${stems[i]} ${s}`));
}
const passageBigrams = memoByText(stemBigrams, 2_000);

/**
 * One row per passage, in PASSAGE_FEATURES order: the retriever's rank (as 1 / (1 + rank)) and its
 * two rankings' signals; how much of the question the passage's best sentence, that sentence with
 * the one before, and the whole passage cover; how many of the question's names it never says;
 * and the share of the question's word pairs it has in the same order.
 */
export function passageFeatures(question: string, passages: Passage[], termWeight: TermWeight): number[][] {
  const q = weightedTerms(question, termWeight);
  const asked = [...stemBigrams(question)];
  return passages.map((passage, rank) => {
    const [best] = rankEvidence(q, [passage], 1);
    const said = passageBigrams(passage.chunk.text);
    return [
      1 / (1 + rank),
      passage.signals?.lexical ?? 0,
      passage.signals?.vector ?? 0,
      best?.coverage ?? 0,
      best?.windowCoverage ?? 0,
      best?.passageCoverage ?? 0,
      Math.min(3, missingNames(question, passage.chunk.text).length),
      asked.length > 0 ? asked.filter((b) => said.has(b)).length / asked.length : 0,
    ];
  });
}
