/**
 * The k best of a stream of (id, score), best first, ties to the lower id: a min-heap of k, so
 * picking 50 of 20,000 matches costs 20,000 comparisons with the weakest kept, not a sort of all.
 */
export class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  /** Whether (a, as) ranks below (b, bs). */
  private static worse(as: number, a: number, bs: number, b: number): boolean {
    return as < bs || (as === bs && a > b);
  }

  offer(id: number, score: number): void {
    const { ids, scores, k } = this;
    if (k <= 0) return;
    if (ids.length < k) {
      ids.push(id);
      scores.push(score);
      this.up(ids.length - 1);
    } else if (TopK.worse(scores[0]!, ids[0]!, score, id)) {
      ids[0] = id;
      scores[0] = score;
      this.down(0);
    }
  }

  sorted(): { id: number; score: number }[] {
    return this.ids.map((id, i) => ({ id, score: this.scores[i]! })).sort((x, y) => y.score - x.score || x.id - y.id);
  }

  private swap(i: number, j: number): void {
    const { ids, scores } = this;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    [scores[i], scores[j]] = [scores[j]!, scores[i]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!TopK.worse(this.scores[i]!, this.ids[i]!, this.scores[parent]!, this.ids[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ids.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < n && TopK.worse(this.scores[l]!, this.ids[l]!, this.scores[least]!, this.ids[least]!)) least = l;
      if (r < n && TopK.worse(this.scores[r]!, this.ids[r]!, this.scores[least]!, this.ids[least]!)) least = r;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }
}
