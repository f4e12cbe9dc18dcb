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

  it('takes uploads and deletions unless UPLOADS turns them off (0, false or off)', () => {
    expect(loadConfig({}).UPLOADS).toBe(true);
    for (const on of ['1', 'true', 'on']) expect(loadConfig({ UPLOADS: on }).UPLOADS).toBe(true);
    for (const off of ['0', 'false', 'off']) expect(loadConfig({ UPLOADS: off }).UPLOADS).toBe(false);
    // Empty is unset, as for every setting: the default.
    expect(loadConfig({ UPLOADS: '' }).UPLOADS).toBe(true);
    expect(() => loadConfig({ UPLOADS: 'no' })).toThrow('Invalid configuration: UPLOADS: UPLOADS must be 1 or 0');
  });

  it('reads the other on/off settings the same way, off by default', () => {
    expect(loadConfig({}).WATCH).toBe(false);
    expect(loadConfig({ WATCH: 'on' }).WATCH).toBe(true);
    expect(loadConfig({ METRICS_PUBLIC: 'off' }).METRICS_PUBLIC).toBe(false);
  });

  it('reads WORKERS as auto or a count, 1 by default', () => {
    expect(loadConfig({}).WORKERS).toBe(1);
    expect(loadConfig({ WORKERS: 'auto' }).WORKERS).toBe('auto');
    expect(loadConfig({ WORKERS: '2' }).WORKERS).toBe(2);
    expect(() => loadConfig({ WORKERS: '0' })).toThrow('WORKERS must be auto or a number from 1 to 64');
  });
});
