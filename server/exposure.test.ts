import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { exposureWarning } from './exposure.js';

describe('the start-up warning about an open server', () => {
  it('says nothing on this machine only, or with an API key', () => {
    expect(exposureWarning(loadConfig({}))).toBeUndefined();
    expect(exposureWarning(loadConfig({ HOST: '0.0.0.0', API_KEY: 'a-long-enough-key' }))).toBeUndefined();
  });

  it('names uploading and deleting only when uploads are on', () => {
    expect(exposureWarning(loadConfig({ HOST: '0.0.0.0' }))).toBe(
      'Warning: listening on 0.0.0.0 without API_KEY: anyone who can reach this port can ask, upload and delete documents.',
    );
    expect(exposureWarning(loadConfig({ HOST: '0.0.0.0', UPLOADS: '0' }))).toBe(
      'Warning: listening on 0.0.0.0 without API_KEY: anyone who can reach this port can ask questions and read the documents.',
    );
  });
});
