import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { checkRelativePath, isInside, parentInside, resolveInside } from './safe-path.js';

describe('checkRelativePath', () => {
  it.each(['a.txt', 'dir/b.md', 'dir/sub/c d.txt', '..a.txt', 'a..txt'])('accepts %s', (p) => {
    expect(checkRelativePath(p)).toBe(p);
  });

  it.each([
    '../secret',
    'dir/../../x',
    '/etc/passwd',
    'C:/Windows/win.ini',
    'dir\\..\\x',
    'a\0.txt',
    './a.txt',
    'dir//a.txt',
    'dir/',
    '..',
  ])('refuses %j as invalid_request', (p) => {
    expect(() => checkRelativePath(p)).toThrow(expect.objectContaining({ code: 'invalid_request' }) as AppError);
  });
});

describe('resolveInside', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'safe-path-'));
    root = path.join(base, 'docs');
    outside = path.join(base, 'secret.txt');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await writeFile(path.join(root, 'sub', 'ok.txt'), 'ok');
    await writeFile(outside, 'secret');
    await symlink(outside, path.join(root, 'leak.txt'));
    await symlink(path.dirname(outside), path.join(root, 'up'));
  });
  afterAll(() => rm(path.dirname(root), { recursive: true, force: true }));

  it('resolves a file inside the root', async () => {
    await expect(resolveInside(root, 'sub/ok.txt')).resolves.toBe(path.join(root, 'sub', 'ok.txt'));
  });

  it.each(['leak.txt', 'up/secret.txt', 'missing.txt'])('reports %s as not_found', async (p) => {
    await expect(resolveInside(root, p)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('parentInside', () => {
  it('creates nothing when asked not to, and nothing outside when a symlinked folder leads out', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'parent-inside-'));
    try {
      const root = path.join(base, 'docs');
      const outside = path.join(base, 'outside');
      await mkdir(root);
      await mkdir(outside);
      await symlink(outside, path.join(root, 'link'));
      expect(await parentInside(root, 'a/b/c/x.txt', false)).toBeUndefined();
      expect(await readdir(root)).toEqual(['link']);
      await expect(parentInside(root, 'link/new/x.txt', true)).rejects.toMatchObject({ code: 'invalid_request' });
      expect(await readdir(outside)).toEqual([]);
      const made = await parentInside(root, '..notes/x.txt', true);
      expect(made).toBe(path.join(await realpath(root), '..notes'));
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('isInside tells a name starting with two dots from a way out', () => {
    expect(isInside('/docs', '/docs/..notes')).toBe(true);
    expect(isInside('/docs', '/docs')).toBe(true);
    expect(isInside('/docs', '/other')).toBe(false);
    expect(isInside('/docs', '/docs/../x')).toBe(false);
  });
});
