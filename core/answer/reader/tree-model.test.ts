import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packTrees, readTreeModel, treeMargin as marginOf, type TreeModel } from './tree-model.js';

const treeMargin = (m: TreeModel, row: number[]) => marginOf(packTrees(m), row);

/** One stump on feature 1 at 0.5 (missing goes left), and one on feature 0 at 2. */
const model: TreeModel = {
  features: ['a', 'b'],
  base: 0.25,
  trees: [
    {
      feature: [1, -1, -1],
      threshold: [0.5, 0, 0],
      yes: [1, 0, 0],
      no: [2, 0, 0],
      missingYes: [1, 0, 0],
      value: [0, -1, 1],
    },
    {
      feature: [0, -1, -1],
      threshold: [2, 0, 0],
      yes: [1, 0, 0],
      no: [2, 0, 0],
      missingYes: [0, 0, 0],
      value: [0, 0.5, -0.5],
    },
  ],
};

describe('treeMargin', () => {
  it('sums the leaves each tree reaches, plus the base', () => {
    expect(treeMargin(model, [0, 0])).toBeCloseTo(0.25 - 1 + 0.5);
    expect(treeMargin(model, [3, 1])).toBeCloseTo(0.25 + 1 - 0.5);
  });

  it('sends a missing value the way the tree learned', () => {
    expect(treeMargin(model, [Number.NaN, Number.NaN])).toBeCloseTo(0.25 - 1 - 0.5);
  });

  it('compares in float32, as the trees were trained: 1.2 is not below float32(1.2)', () => {
    const at = { ...model, trees: [{ ...model.trees[1]!, threshold: [Math.fround(1.2), 0, 0] }] };
    expect(treeMargin(at, [1.2, 0])).toBeCloseTo(0.25 - 0.5);
  });
});

describe('readTreeModel', () => {
  const file = (m: unknown) => {
    const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'tree-')), 'm.json');
    writeFileSync(f, JSON.stringify(m));
    return pathToFileURL(f);
  };

  it('reads a model trained on the features asked for', () => {
    expect(readTreeModel(file(model), ['a', 'b']).trees).toHaveLength(2);
  });

  it('refuses a model trained on other features', () => {
    expect(() => readTreeModel(file(model), ['a', 'c'])).toThrow(/other features.*train:reader/);
  });
});
