import { describe, expect, it } from 'vitest';
import { ChatCompletionRequestSchema, ClientFrameSchema, LIMITS } from './protocol.js';

describe('LIMITS.frameBytes and bodyBytes', () => {
  it('hold the largest ask frame the schema accepts, in 3-byte characters', () => {
    const text = (n: number) => '€'.repeat(n);
    const turn = { question: text(LIMITS.questionChars), answer: text(LIMITS.historyAnswerChars) };
    const frame = {
      type: 'ask',
      id: 'i'.repeat(LIMITS.idChars),
      question: text(LIMITS.questionChars),
      k: LIMITS.maxK,
      history: Array(LIMITS.historyTurns).fill(turn),
    };
    expect(ClientFrameSchema.safeParse(frame).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(frame))).toBeLessThanOrEqual(LIMITS.frameBytes);
    expect(LIMITS.bodyBytes).toBe(LIMITS.frameBytes);
  });

  it('hold the largest ask carried as a chat completion, in 3-byte characters', () => {
    const text = (n: number) => '€'.repeat(n);
    // Content as parts, the wordier of the two forms a message may take.
    const message = (role: string, chars: number) => ({ role, content: [{ type: 'text', text: text(chars) }] });
    const turns = Array.from({ length: LIMITS.historyTurns }, () => [
      message('user', LIMITS.questionChars),
      message('assistant', LIMITS.historyAnswerChars),
    ]).flat();
    const chat = {
      model: text(ChatCompletionRequestSchema.shape.model.unwrap().maxLength!),
      messages: [...turns, message('user', LIMITS.questionChars)],
      stream: true,
      stream_options: { include_usage: true },
    };
    expect(ChatCompletionRequestSchema.safeParse(chat).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(chat))).toBeLessThanOrEqual(LIMITS.bodyBytes);
  });
});
