import { describe, expect, it } from 'vitest';
import { wantsSentence } from './answer-shape.js';

describe('wantsSentence', () => {
  it('wants a sentence for reasons, procedures and accounts', () => {
    expect(wantsSentence('Why did the bridge close?')).toBe(true);
    expect(wantsSentence('How do I reset my password?')).toBe(true);
    expect(wantsSentence('Summarise the main findings.')).toBe(true);
    expect(wantsSentence('What happens if I miss the deadline?')).toBe(true);
  });

  it('wants a phrase for who, when, how many and which', () => {
    expect(wantsSentence('Who designed the bridge?')).toBe(false);
    expect(wantsSentence('When did the bridge close?')).toBe(false);
    expect(wantsSentence('How many lanes does it have?')).toBe(false);
    expect(wantsSentence('Which river does it cross?')).toBe(false);
  });
});
