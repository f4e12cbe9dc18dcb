/** One ranked list of ids, best first, with the weight its votes carry. */
export interface Ranking {
  ids: number[];
  weight: number;
}

/**
 * Weighted reciprocal rank fusion: each list gives an item weight / (c + rank). Ranks, not raw
 * scores, so a cosine distance and a BM25 score need no common scale.
 */
export function fuseRankings(rankings: Ranking[], c = 60): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const { ids, weight } of rankings) {
    if (weight <= 0) continue;
    ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (c + rank + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
