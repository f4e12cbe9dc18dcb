import { describe, expect, it } from 'vitest';
import { upstreamError } from './upstream.js';

describe('upstreamError', () => {
  it('reports an HTTP error with the server message once, without the client library trimmings', () => {
    const rateLimited = Object.assign(
      new Error(
        '429 rate limit reached\n\nTroubleshooting URL: https://docs.langchain.com/oss/javascript/langchain/errors/MODEL_RATE_LIMIT/\n',
      ),
      { status: 429 },
    );
    expect(upstreamError(rateLimited)).toMatchObject({
      code: 'upstream_error',
      message: 'The language model answered with HTTP 429: rate limit reached',
    });
    const ollama = Object.assign(new Error('model "llama9" not found, try pulling it first'), { status_code: 404 });
    expect(upstreamError(ollama).message).toBe(
      'The language model answered with HTTP 404: model "llama9" not found, try pulling it first',
    );
  });

  it('adds what to check to a 404, and only to a 404', () => {
    const hint = 'Check LLM_BASE_URL.';
    const notFound = Object.assign(new Error('404 404 page not found'), { status: 404 });
    expect(upstreamError(notFound, undefined, undefined, hint).message).toBe(
      'The language model answered with HTTP 404: 404 page not found. Check LLM_BASE_URL.',
    );
    const overloaded = Object.assign(new Error('model overloaded'), { status: 500 });
    expect(upstreamError(overloaded, undefined, undefined, hint).message).toBe(
      'The language model answered with HTTP 500: model overloaded',
    );
  });
});
