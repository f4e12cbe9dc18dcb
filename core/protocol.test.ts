import { describe, expect, it } from 'vitest';
import { ClientFrameSchema, LIMITS } from './protocol.js';

describe('LIMITS.frameBytes and bodyBytes', () => {
  it('hold the largest ask frame the schema accepts, in 3-byte characters', () => {
    const text = (n: number) => '€'.repeat(n);
    const turn = { question: text(LIMITS.questionChars), answer: text(LIMITS.historyAnswerChars) };
    const frame = { type: 'ask', id: 'i'.repeat(LIMITS.idChars), question: text(LIMITS.questionChars), k: LIMITS.maxK, history: Array(LIMITS.historyTurns).fill(turn) };
    expect(ClientFrameSchema.safeParse(frame).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(frame))).toBeLessThanOrEqual(LIMITS.frameBytes);
    expect(LIMITS.bodyBytes).toBe(LIMITS.frameBytes);
  });
});
