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
    throw new Error(`${file.pathname} was trained on other features than the reader computes; run npm run train:reader`);
  }
  return model;
}

/** The ensemble's margin for one row of features (a ranking score, or log-odds for a classifier). */
export function treeMargin(model: TreeModel, row: ArrayLike<number>): number {
  let sum = model.base;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      // Trained on float32 rows: a value is compared as xgboost saw it (1.2 is 1.2000000477 there).
      const x = Math.fround(row[tree.feature[node]!]!);
      const yes = Number.isNaN(x) ? tree.missingYes[node] === 1 : x < tree.threshold[node]!;
      node = yes ? tree.yes[node]! : tree.no[node]!;
    }
    sum += tree.value[node]!;
  }
  return sum;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
