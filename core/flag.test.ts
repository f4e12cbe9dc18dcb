import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { flag } from './flag.js';

describe('flag', () => {
  const schema = z.object({ SOME_SETTING: flag('SOME_SETTING'), ON_SETTING: flag('ON_SETTING', true) });
  const parse = (env: Record<string, string>) => schema.parse(env);

  it('reads 1, true and on as on; 0, false and off as off', () => {
    for (const on of ['1', 'true', 'on'])
      expect(parse({ SOME_SETTING: on, ON_SETTING: on })).toEqual({ SOME_SETTING: true, ON_SETTING: true });
    for (const off of ['0', 'false', 'off'])
      expect(parse({ SOME_SETTING: off, ON_SETTING: off })).toEqual({ SOME_SETTING: false, ON_SETTING: false });
  });

  it('takes unset or empty as its default: off unless told otherwise', () => {
    expect(parse({})).toEqual({ SOME_SETTING: false, ON_SETTING: true });
    expect(parse({ SOME_SETTING: '', ON_SETTING: '' })).toEqual({ SOME_SETTING: false, ON_SETTING: true });
  });

  it('refuses anything else with a message naming the setting', () => {
    for (const bad of ['yes', 'no', 'ON', '2', ' 1']) {
      const result = schema.safeParse({ SOME_SETTING: bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ path: ['SOME_SETTING'], message: 'SOME_SETTING must be 1 or 0' }),
      ]);
    }
  });
});
