import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markOwnFolder, replaceOwnFolder } from './own-folder.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'own-'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('replaceOwnFolder', () => {
  it('never deletes a folder it did not make', async () => {
    const docs = path.join(root, 'docs');
    await mkdir(docs);
    await writeFile(path.join(docs, 'mine.txt'), 'keep me');
    await expect(replaceOwnFolder(docs)).rejects.toThrow('was not made by --squad');
    expect(await readdir(docs)).toEqual(['mine.txt']);
  });

  it('replaces a folder it marked, and accepts a missing or empty one', async () => {
    const docs = path.join(root, 'docs');
    await replaceOwnFolder(docs);
    await mkdir(docs);
    await replaceOwnFolder(docs);
    await mkdir(docs);
    await writeFile(path.join(docs, 'p0.txt'), 'old');
    await markOwnFolder(docs);
    await replaceOwnFolder(docs);
    expect(await readdir(root)).toEqual([]);
  });
});
