import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Decides which peer addresses are trusted proxies (proxy-addr's compiled form). */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as Express and proxy-addr read it: a hop count, or a list of addresses and subnets
 * (`loopback`, `10.0.0.0/8`). Unset trusts no one, so X-Forwarded-For cannot be forged to dodge limits.
 */
export function trustProxy(setting: string | undefined): TrustProxy {
  if (!setting) return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(setting.split(',').map((s) => s.trim()));
}

/** The client's address for rate limiting: the connection's, or, through trusted proxies, the forwarded one. */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  return proxyaddr(req, trust) || 'unknown';
}
