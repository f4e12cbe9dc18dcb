import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { hostAllowed, hostPolicy } from './host-check.js';

const req = (host: string) => ({ headers: { host } }) as IncomingMessage;

describe('hostPolicy', () => {
  it('on loopback answers only loopback names unless ALLOWED_HOSTS adds more', () => {
    const policy = hostPolicy(loadConfig({}))!;
    expect(policy(req('localhost:3000'))).toBe(true);
    expect(policy(req('[::1]:3000'))).toBe(true);
    expect(policy(req('evil.example:3000'))).toBe(false);
    expect(hostPolicy(loadConfig({ ALLOWED_HOSTS: 'docs.example.com' }))!(req('docs.example.com:3000'))).toBe(true);
  });

  it('on other interfaces checks only once ALLOWED_HOSTS is set; * turns the check off', () => {
    expect(hostPolicy(loadConfig({ HOST: '0.0.0.0' }))).toBeUndefined();
    const listed = hostPolicy(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: '10.0.0.5' }))!;
    expect(listed(req('10.0.0.5:3000'))).toBe(true);
    expect(listed(req('evil.example'))).toBe(false);
    expect(hostPolicy(loadConfig({ ALLOWED_HOSTS: '*' }))).toBeUndefined();
  });

  it('reads a Host header strictly: no userinfo, no suffix tricks, a port pinned when listed with one', () => {
    expect(hostAllowed('localhost@evil.example', [])).toBe(false);
    expect(hostAllowed('localhost.evil.example', [])).toBe(false);
    expect(hostAllowed('127.0.0.1:3000:1', [])).toBe(false);
    expect(hostAllowed(undefined, [])).toBe(false);
    expect(hostAllowed('a.example:8443', ['a.example:8443'])).toBe(true);
    expect(hostAllowed('a.example:9000', ['a.example:8443'])).toBe(false);
  });

  it('refuses a malformed ALLOWED_HOSTS at start-up, naming it', () => {
    expect(() => loadConfig({ ALLOWED_HOSTS: 'http://docs.example.com' })).toThrow(/ALLOWED_HOSTS/);
  });
});
