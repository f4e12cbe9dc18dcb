import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('says a number setting must be a number, naming it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('Invalid configuration: PORT: must be a number');
    expect(() => loadConfig({ CHUNK_SIZE: '30s' })).toThrow('Invalid configuration: CHUNK_SIZE: must be a number');
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: Too big/);
  });

  it('listens on this machine only unless told otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
});
