import { describe, expect, it } from 'vitest';
import { citationSuffix, completionBody, toAskRequest } from './openai-translate.js';

const cite = (source: string, startLine: number, endLine = startLine) => ({
  source,
  startLine,
  endLine,
  quote: 'q',
  score: 1,
});

describe('toAskRequest', () => {
  it('takes the last user message as the question and earlier user/assistant pairs as history', () => {
    const request = toAskRequest({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Who founded it?' },
        { role: 'assistant', content: 'Ada [1]\n\nSources:\n[1] a.txt, line 3' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'When was' },
            { type: 'text', text: 'that?' },
          ],
        },
      ],
    });
    expect(request).toEqual({
      question: 'When was\nthat?',
      history: [{ question: 'Who founded it?', answer: 'Ada [1]' }],
    });
  });

  it("joins a message's text parts on a newline, so words at the seams stay apart, and skips other parts", () => {
    const request = toAskRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Who is the spokesperson' },
            { type: 'image_url', image_url: { url: 'data:,' } },
            { type: 'text', text: 'of the Taliban government?' },
          ],
        },
      ],
    });
    expect(request.question).toBe('Who is the spokesperson\nof the Taliban government?');
  });

  it('refuses a conversation that does not end with a user message', () => {
    expect(() => toAskRequest({ messages: [{ role: 'assistant', content: 'hi' }] })).toThrow(
      /last message must be a user message/,
    );
  });

  it('refuses an empty question with the protocol rules', () => {
    expect(() => toAskRequest({ messages: [{ role: 'user', content: '   ' }] })).toThrow(/question must not be empty/);
  });
});

describe('citationSuffix', () => {
  it('adds markers and a numbered sources list', () => {
    expect(citationSuffix('Ada', [cite('a.txt', 3), cite('b.md', 4, 6)])).toBe(
      ' [1][2]\n\nSources:\n[1] a.txt, line 3\n[2] b.md, lines 4-6',
    );
  });

  it('keeps markers the answer already has and adds nothing without citations', () => {
    expect(citationSuffix('Ada [1]', [cite('a.txt', 3)])).toBe('\n\nSources:\n[1] a.txt, line 3');
    expect(citationSuffix('The documents do not say.', [])).toBe('');
  });
});

describe('completionBody', () => {
  it('carries the answer evidence, unsupported sentences and the fallback mark included', () => {
    const citation = { source: 'a.txt', startLine: 2, endLine: 2, quote: 'Sky launched in 1989.', score: 1 };
    const result = {
      answer: 'It launched in 1989 [1]. It is blue.',
      abstained: false,
      citations: [citation],
      passages: [],
      unsupported: ['It is blue.'],
      fallback: false,
    };
    const body = completionBody('docqa', { question: 'When?' }, result);
    expect(body).toMatchObject({
      citations: [citation],
      abstained: false,
      unsupported: ['It is blue.'],
      fallback: false,
    });
    expect(body.choices[0]!.message.content).toContain('Sources:');
    const plain = completionBody(
      'docqa',
      { question: 'When?' },
      { ...result, unsupported: undefined, fallback: undefined },
    );
    expect(plain).not.toHaveProperty('unsupported');
    expect(plain).not.toHaveProperty('fallback');
  });
});

describe('toAskRequest with long history', () => {
  it('cuts a long earlier answer instead of refusing the conversation', () => {
    const request = toAskRequest({
      messages: [
        { role: 'user', content: 'Summarise it.' },
        { role: 'assistant', content: 'x'.repeat(30_000) },
        { role: 'user', content: 'And the date?' },
      ],
    } as Parameters<typeof toAskRequest>[0]);
    expect(request.history?.[0]?.answer.length).toBe(20_000);
    expect(request.question).toBe('And the date?');
  });
});

describe('toAskRequest with a long earlier question', () => {
  it('cuts a long earlier user message (pasted text) instead of refusing the conversation', () => {
    const request = toAskRequest({
      messages: [
        { role: 'user', content: `Summarise this: ${'word '.repeat(1000)}` },
        { role: 'assistant', content: 'A summary.' },
        { role: 'user', content: 'And the date?' },
      ],
    });
    expect(request.history?.[0]?.question.length).toBe(2000);
    expect(request.question).toBe('And the date?');
  });
});
