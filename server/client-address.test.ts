import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { clientAddress, trustProxy } from './client-address.js';

const request = (peer: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('uses the connection unless TRUST_PROXY names the peer', () => {
    expect(clientAddress(request('10.0.0.5', '1.2.3.4'), trustProxy(undefined))).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '1.2.3.4'), trustProxy('10.0.0.0/8'))).toBe('1.2.3.4');
    expect(clientAddress(request('192.168.1.1', '1.2.3.4'), trustProxy('10.0.0.0/8'))).toBe('192.168.1.1');
  });

  it('walks back as many hops as a numeric TRUST_PROXY allows, and no further', () => {
    const chain = request('10.0.0.5', '6.6.6.6, 1.2.3.4, 172.16.0.9');
    expect(clientAddress(chain, trustProxy('1'))).toBe('172.16.0.9');
    expect(clientAddress(chain, trustProxy('2'))).toBe('1.2.3.4');
  });

  it('refuses a malformed setting at start-up', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
  });
});
