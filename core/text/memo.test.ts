import { describe, expect, it } from 'vitest';
import { memoByText } from './memo.js';

describe('memoByText', () => {
  it('computes each text once while it stays among the most recently used', () => {
    const calls: string[] = [];
    const length = memoByText((t) => (calls.push(t), t.length), 2);
    expect([length('a'), length('bb'), length('a')]).toEqual([1, 2, 1]);
    expect(calls).toEqual(['a', 'bb']);
    length('ccc'); // evicts 'bb', the least recently used
    length('a');
    length('bb');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'bb']);
  });
});
