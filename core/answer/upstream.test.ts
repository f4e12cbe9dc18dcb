import { describe, expect, it } from 'vitest';
import { upstreamError } from './upstream.js';

describe('upstreamError', () => {
  it('reports an HTTP error with the server message once, without the client library trimmings', () => {
    const rateLimited = Object.assign(new Error('429 rate limit reached\n\nTroubleshooting URL: https://docs.langchain.com/oss/javascript/langchain/errors/MODEL_RATE_LIMIT/\n'), { status: 429 });
    expect(upstreamError(rateLimited)).toMatchObject({ code: 'upstream_error', message: 'The language model answered with HTTP 429: rate limit reached' });
    const ollama = Object.assign(new Error('model "llama9" not found, try pulling it first'), { status_code: 404 });
    expect(upstreamError(ollama).message).toBe('The language model answered with HTTP 404: model "llama9" not found, try pulling it first');
  });
});
