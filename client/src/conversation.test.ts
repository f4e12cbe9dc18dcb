import { describe, expect, it } from 'vitest';
import { applyFrame, newMessage } from './conversation.js';

describe('applyFrame', () => {
  it('keeps the closest-passage mark of a declined answer, and no mark on a plain one', () => {
    const done = { type: 'done', id: 'a', answer: 'The closest passage says: "x"', abstained: true, citations: [] };
    expect(applyFrame(newMessage('a', 'q'), { ...done, closest: true } as never)).toMatchObject({
      status: 'done',
      abstained: true,
      closest: true,
    });
    expect(applyFrame(newMessage('a', 'q'), done as never).closest).toBeUndefined();
  });
});
