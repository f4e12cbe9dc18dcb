import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';

/**
 * A gradient-boosted tree ensemble as evals/reader/train.py writes it: each tree as parallel arrays,
 * node i splitting on feature `feature[i]` (−1 for a leaf holding `value[i]`) and going to `yes[i]`
 * when the value is below `threshold[i]`, to `no[i]` otherwise, and to `yes[i]` when it is missing
 * and `missingYes[i]` is 1.
 */
const TreeSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  yes: z.array(z.number().int()),
  no: z.array(z.number().int()),
  missingYes: z.array(z.number().int()),
  value: z.array(z.number()),
});

export const TreeModelSchema = z.object({
  features: z.array(z.string()),
  /** Added to the trees' sum: the model's margin for an empty ensemble. */
  base: z.number(),
  trees: z.array(TreeSchema),
  /** How it was made (data, splits, parameters), for whoever reads the file. */
  trainedOn: z.unknown().optional(),
  /** Numbers the model's user needs beside it (a chosen threshold, say). */
  settings: z.record(z.string(), z.number()).optional(),
});
export type TreeModel = z.infer<typeof TreeModelSchema>;

/** Read a model file, refusing one trained on other features than the code computes. */
export function readTreeModel(file: URL, features: readonly string[]): TreeModel {
  const model = TreeModelSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (model.features.join() !== features.join()) {
    throw new Error(
      `${file.pathname} was trained on other features than the reader computes; run npm run train:reader`,
    );
  }
  return model;
}

/**
 * The trees packed into flat arrays, one node after another: walking them touches a few cache lines
 * instead of six arrays per tree (the reader scores every candidate with hundreds of trees).
 */
export interface PackedTrees {
  base: number;
  /** Index of each tree's root in the node arrays. */
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float32Array;
  yes: Int32Array;
  no: Int32Array;
  missingYes: Uint8Array;
  value: Float64Array;
}

export function packTrees(model: TreeModel): PackedTrees {
  const size = model.trees.reduce((n, t) => n + t.feature.length, 0);
  const packed: PackedTrees = {
    base: model.base,
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(size),
    threshold: new Float32Array(size),
    yes: new Int32Array(size),
    no: new Int32Array(size),
    missingYes: new Uint8Array(size),
    value: new Float64Array(size),
  };
  let at = 0;
  model.trees.forEach((tree, i) => {
    packed.roots[i] = at;
    tree.feature.forEach((f, node) => {
      packed.feature[at + node] = f;
      packed.threshold[at + node] = tree.threshold[node]!;
      packed.yes[at + node] = at + tree.yes[node]!;
      packed.no[at + node] = at + tree.no[node]!;
      packed.missingYes[at + node] = tree.missingYes[node]!;
      packed.value[at + node] = tree.value[node]!;
    });
    at += tree.feature.length;
  });
  return packed;
}

/** The ensemble's margin for one row of features (a ranking score, or log-odds for a classifier). */
export function treeMargin(trees: PackedTrees, row: ArrayLike<number>): number {
  // Trained on float32 rows: a value is compared as XGBoost saw it (1.2 is 1.2000000477 there).
  const x = Float32Array.from(row as ArrayLike<number>);
  let sum = trees.base;
  for (let t = 0; t < trees.roots.length; t++) {
    let node = trees.roots[t]!;
    while (trees.feature[node]! >= 0) {
      const v = x[trees.feature[node]!]!;
      const yes = Number.isNaN(v) ? trees.missingYes[node] === 1 : v < trees.threshold[node]!;
      node = yes ? trees.yes[node]! : trees.no[node]!;
    }
    sum += trees.value[node]!;
  }
  return sum;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
