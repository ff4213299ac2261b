/**
 * The address a per-client limit is counted against: the TCP peer (no proxy headers are trusted). An IPv4
 * address mapped into IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 address; an IPv6 address counts as its /64
 * network, since one host is normally given a whole /64 and could otherwise take a fresh address per request.
 */
import { isIPv6 } from 'node:net';

export function clientAddress(remote: string | undefined): string {
  if (!remote) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote);
  if (mapped) return mapped[1];
  if (!isIPv6(remote)) return remote;
  return `${ipv6Groups(remote).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded and any zone (`%eth0`) dropped. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
