import { describe as suite, expect, it } from 'vitest';
import { describeFolderError } from './folder-error.js';
import type { IngestSummary } from './ingest.js';
import { describe } from './run.js';

const summary: IngestSummary = {
  files: 1,
  chunks: 2,
  added: ['a.txt'],
  changed: [],
  removed: [],
  skipped: [],
  converted: 1,
  hashed: 1,
  embedded: 1,
  duplicates: 0,
  written: true,
  refitted: false,
  seconds: 0.5,
};

suite('ingest summary', () => {
  it('counts in words that agree with the numbers', () => {
    expect(describe(summary)).toBe(
      'ingest: 1 file, 2 chunks (1 added, 0 changed, 0 removed, 0 skipped); converted 1 file, embedded 1 chunk; 0.50 s',
    );
  });

  it('names a missing or wrong documents folder in words', () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, realpath '/gone'"), {
      code: 'ENOENT',
      path: '/gone',
    });
    expect(describeFolderError(missing)).toBe('no such folder: /gone');
    expect(describeFolderError(Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR', path: '/f.txt' }))).toBe(
      'not a folder: /f.txt',
    );
    expect(describeFolderError(new Error('disk on fire'))).toBe('disk on fire');
  });
});
