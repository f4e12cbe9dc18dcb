import { describe, expect, it } from 'vitest';
import { formatBytes } from './byte-size.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KiB'],
    [52_429, '51.2 KiB'],
    [1024 * 1024, '1 MiB'],
    [20 * 1024 * 1024, '20 MiB'],
    [3 * 1024 ** 3, '3 GiB'],
  ])('%i bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('rounds down, never naming a limit above the real one', () => {
    expect(formatBytes(1024 * 1024 * 1.99)).toBe('1.9 MiB');
  });
});
