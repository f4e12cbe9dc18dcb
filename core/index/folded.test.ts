import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { describe, expect, it } from 'vitest';
import { FOLD, FoldedIndex } from './folded.js';

/** Seeded unit vectors of 512 dimensions. */
function vectors(n: number): number[][] {
  let state = 7;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: 512 }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

async function folded(points: number[][]): Promise<FoldedIndex> {
  const { HierarchicalNSW } = await HNSWLib.imports();
  const graph = new HierarchicalNSW('cosine', 512 / FOLD);
  graph.initIndex(100);
  const index = new FoldedIndex(graph, 512, 100);
  points.forEach((p, label) => index.addPoint(p, label));
  return index;
}

describe('FoldedIndex', () => {
  it('finds each point as its own nearest neighbour by its full vector, and gives it back nearly whole', async () => {
    const points = vectors(60);
    const index = await folded(points);
    expect(index.getNumDimensions()).toBe(512);
    expect(index.getCurrentCount()).toBe(60);
    for (const [label, p] of points.entries()) {
      const { neighbors, distances } = index.searchKnn(p, 3);
      expect(neighbors[0]).toBe(label);
      expect(distances[0]).toBeCloseTo(0, 3);
      expect(distances[1]!).toBeGreaterThan(distances[0]!);
      const back = index.getPoint(label);
      expect(Math.max(...back.map((x, i) => Math.abs(x - p[i]!)))).toBeLessThan(0.01);
    }
  });

  it('ranks a query with few nonzero dimensions (a hashed question) by the same cosine as a dense one', async () => {
    const points = vectors(60);
    const index = await folded(points);
    const cosine = (a: number[], b: number[]) => {
      let [dot, na, nb] = [0, 0, 0];
      for (let i = 0; i < a.length; i++) [dot, na, nb] = [dot + a[i]! * b[i]!, na + a[i]! ** 2, nb + b[i]! ** 2];
      return dot / Math.sqrt(na * nb);
    };
    for (const p of points.slice(0, 10)) {
      // Every eighth dimension kept: far fewer than half are nonzero.
      const sparse = p.map((x, i) => (i % 8 === 0 ? x : 0));
      const { neighbors, distances } = index.searchKnn(sparse, 5);
      neighbors.forEach((label, i) => expect(1 - distances[i]!).toBeCloseTo(cosine(sparse, points[label]!), 2));
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    }
  });

  it('writes its graph and int8 vectors and reads them back with the same searches', async () => {
    const points = vectors(30);
    const index = await folded(points);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folded-'));
    try {
      const file = path.join(dir, 'hnswlib.index');
      await index.writeIndex(file);
      const { HierarchicalNSW } = await HNSWLib.imports();
      const copy = new FoldedIndex(new HierarchicalNSW('cosine', 512 / FOLD), 512);
      await copy.readIndex(file);
      for (const p of points.slice(0, 10)) expect(copy.searchKnn(p, 5)).toEqual(index.searchKnn(p, 5));
      copy.addPoint(points[0]!, 30);
      expect(copy.getCurrentCount()).toBe(31);
      expect(JSON.stringify({ index: copy })).toBe('{"index":{}}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
