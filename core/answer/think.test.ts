import { describe, expect, it } from 'vitest';
import { ThinkFilter, withoutThinking } from './think.js';

/** The filter's output when the stream arrives in pieces of `size` characters. */
function streamed(text: string, size: number): string {
  const filter = new ThinkFilter();
  let out = '';
  for (let i = 0; i < text.length; i += size) out += filter.push(text.slice(i, i + size));
  return out + filter.flush();
}

describe('think blocks of reasoning models', () => {
  it('drops a leading block, however the stream cuts its tags', () => {
    const text = '\n <think>\nThe user asks who [2] is. Document 2 says so.\n</think>\n\nZabihullah Mujahid [2].';
    for (let size = 1; size <= 9; size++)
      expect(streamed(text, size), `pieces of ${size}`).toBe('\n\nZabihullah Mujahid [2].');
  });

  it('leaves nothing of a block that is never closed', () => {
    for (let size = 1; size <= 9; size++)
      expect(streamed('<think>Still weighing [1] against [2]…', size), `pieces of ${size}`).toBe('');
    expect(withoutThinking('<think>')).toBe('');
    expect(withoutThinking('<think>a </think')).toBe('');
  });

  it('keeps a block that is not at the start, and text that only looks like the start of a tag', () => {
    expect(withoutThinking('Use <think> tags [1].')).toBe('Use <think> tags [1].');
    expect(withoutThinking('Answer. <think>x</think>')).toBe('Answer. <think>x</think>');
    expect(withoutThinking('<thin')).toBe('<thin');
    expect(withoutThinking('<b>bold</b>')).toBe('<b>bold</b>');
    expect(withoutThinking('  Plain answer [1].')).toBe('  Plain answer [1].');
  });

  it('passes answer text on at once once the block is over', () => {
    const filter = new ThinkFilter();
    expect(filter.push('<thi')).toBe('');
    expect(filter.push('nk>hmm</thi')).toBe('');
    expect(filter.push('nk>Yes')).toBe('Yes');
    expect(filter.push(' [1].')).toBe(' [1].');
    expect(filter.flush()).toBe('');
  });
});
