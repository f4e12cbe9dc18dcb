import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from './config.js';
import {
  ALL_SETTINGS,
  EVAL_SETTINGS,
  flagOf,
  FlagError,
  INGEST_SETTINGS,
  readSettingFlags,
  settingsHelp,
} from './setting-flags.js';

describe('setting flags', () => {
  it('name every setting of the configuration, and only those', () => {
    expect([...ALL_SETTINGS].sort()).toEqual([...SETTING_NAMES].sort());
    for (const name of [...INGEST_SETTINGS, ...EVAL_SETTINGS]) expect(SETTING_NAMES).toContain(name);
  });

  it('are the variable in lower case with dashes, and win as environment variables', () => {
    expect(flagOf('DOCS_DIR')).toBe('--docs-dir');
    const { env, rest, help } = readSettingFlags(
      ['--docs-dir', 'a', '--chunk-size=900', '--force', 'x.jsonl', '--llm-model', 'm'],
      ALL_SETTINGS,
    );
    expect(env).toEqual({ DOCS_DIR: 'a', CHUNK_SIZE: '900', LLM_MODEL: 'm' });
    expect(rest).toEqual(['--force', 'x.jsonl']);
    expect(help).toBe(false);
  });

  it('take on/off settings alone, negated or with a value', () => {
    expect(
      readSettingFlags(['--watch', '--no-uploads', '--llm-fallback', '0', '--metrics-public=1'], ALL_SETTINGS).env,
    ).toEqual({ WATCH: '1', UPLOADS: '0', LLM_FALLBACK: '0', METRICS_PUBLIC: '1' });
    expect(readSettingFlags(['--watch', '--port', '4000'], ALL_SETTINGS).env).toEqual({ WATCH: '1', PORT: '4000' });
  });

  it('keep older names working as aliases, and leave other commands’ settings alone', () => {
    const { env, rest } = readSettingFlags(['--docs', 'd', '--index', 'i', '--port', '1'], INGEST_SETTINGS, {
      '--docs': 'DOCS_DIR',
      '--index': 'INDEX_DIR',
    });
    expect(env).toEqual({ DOCS_DIR: 'd', INDEX_DIR: 'i' });
    expect(rest).toEqual(['--port', '1']);
  });

  it('say when a value is missing, and list every setting in --help', () => {
    expect(() => readSettingFlags(['--port'], ALL_SETTINGS)).toThrow(FlagError);
    expect(() => readSettingFlags(['--docs-dir', '--force'], ALL_SETTINGS)).toThrow(/--docs-dir needs a value/);
    expect(readSettingFlags(['-h'], ALL_SETTINGS).help).toBe(true);
    const help = settingsHelp(ALL_SETTINGS);
    for (const name of ALL_SETTINGS) expect(help).toContain(`${flagOf(name)} `);
  });
});
