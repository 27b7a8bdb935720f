/**
 * Which address a request comes from, for the sign-in limits. Behind a proxy every request arrives from the
 * proxy, so the socket's address would put a whole office in one budget. Only when the direct peer is a proxy
 * the admin named in `TRUST_PROXY` is `X-Forwarded-For` believed: each proxy appends the address it received
 * the request from, so the right-most address that is not one of our proxies is the client. Anything left of
 * it was written by the client itself and is ignored.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';

/** `1.2.3.4:5678`, `[::1]:80` and `::ffff:1.2.3.4` as the bare address they name. */
export function bareAddress(raw: string): string {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  return (mapped ? mapped[1] : a).toLowerCase();
}

/** Adds a `TRUST_PROXY` entry (an address or a CIDR range) to `list`; false when it is neither. */
function addRule(list: BlockList, entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) {
    list.addAddress(address, type);
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address, bits, type);
  return true;
}

/** The trusted proxies as a list of entries; throws on an entry that is not an address or CIDR range. */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  const probe = new BlockList();
  for (const e of entries)
    if (!addRule(probe, e)) throw new Error(`TRUST_PROXY must list IP addresses or CIDR ranges, not "${e}"`);
  return entries;
}

export type AddressOf = (c: Context) => string;

export function createAddressOf(trustProxy: string[] = []): AddressOf {
  const trusted = new BlockList();
  for (const e of trustProxy) addRule(trusted, e);
  const isTrusted = (a: string) => {
    const family = isIP(a);
    return family !== 0 && trusted.check(a, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (c) => {
    let peer: string;
    try {
      peer = bareAddress(getConnInfo(c).remote.address ?? 'unknown');
    } catch {
      // Requests made in-process (tests) have no socket.
      return 'unknown';
    }
    if (!trustProxy.length || !isTrusted(peer)) return peer;
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(bareAddress).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i])) return hops[i].slice(0, 100);
    // Every hop is one of our proxies (or there were none): the request started there.
    return hops[0] ?? peer;
  };
}
