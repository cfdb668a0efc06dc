// Which IP addresses a foreign did:web host may resolve to: public unicast only, so a DID cannot aim us at our network.
import { isIPv4, isIPv6 } from 'node:net';

type Ipv4Range = readonly [base: number, prefix: number, reason: string];

const ipv4 = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

// IANA special-purpose registry, the ranges that are not globally reachable unicast.
const IPV4_REFUSED: readonly Ipv4Range[] = [
  [ipv4(0, 0, 0, 0), 8, 'unspecified ("this network")'],
  [ipv4(10, 0, 0, 0), 8, 'private'],
  [ipv4(100, 64, 0, 0), 10, 'shared address space (CGNAT)'],
  [ipv4(127, 0, 0, 0), 8, 'loopback'],
  [ipv4(169, 254, 0, 0), 16, 'link-local'],
  [ipv4(172, 16, 0, 0), 12, 'private'],
  [ipv4(192, 0, 0, 0), 24, 'IETF protocol assignments'],
  [ipv4(192, 0, 2, 0), 24, 'documentation'],
  [ipv4(192, 88, 99, 0), 24, '6to4 relay anycast'],
  [ipv4(192, 168, 0, 0), 16, 'private'],
  [ipv4(198, 18, 0, 0), 15, 'benchmarking'],
  [ipv4(198, 51, 100, 0), 24, 'documentation'],
  [ipv4(203, 0, 113, 0), 24, 'documentation'],
  [ipv4(224, 0, 0, 0), 4, 'multicast'],
  [ipv4(240, 0, 0, 0), 4, 'reserved (incl. broadcast)'],
];

function parseIpv4(address: string): number {
  const [a, b, c, d] = address.split('.').map(Number);
  return ipv4(a, b, c, d);
}

function inRange(value: number, base: number, prefix: number): boolean {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (value & mask) >>> 0 === (base & mask) >>> 0;
}

function ipv4RefusalReason(address: string): string | undefined {
  const value = parseIpv4(address);
  return IPV4_REFUSED.find(([base, prefix]) => inRange(value, base, prefix))?.[2];
}

/** Eight 16-bit groups; handles '::' and a trailing dotted quad. Zone ids (fe80::1%eth0) are refused upstream. */
export function parseIpv6(address: string): number[] {
  // Rewrite a trailing dotted quad as two hex groups so one parser handles every form.
  const text = address.replace(/(\d+\.\d+\.\d+\.\d+)$/, (quad) => {
    const v4 = parseIpv4(quad);
    return `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  });
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const gap = text.indexOf('::');
  if (gap === -1) return groups(text);
  const left = groups(text.slice(0, gap));
  const right = groups(text.slice(gap + 2));
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function ipv6RefusalReason(address: string): string | undefined {
  if (address.includes('%')) return 'scoped (zone id)';
  const g = parseIpv6(address);
  const embeddedV4 = (): string => `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach an IPv4 host: judge that host.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return ipv4RefusalReason(embeddedV4());
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4RefusalReason(embeddedV4());
  if (g.slice(0, 6).every((x) => x === 0)) return 'IPv4-compatible (deprecated)';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local (deprecated)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x2001 && g[1] < 0x0200) return 'IETF protocol assignments (incl. Teredo)';
  if (g[0] === 0x2002) return '6to4 (tunnels to an arbitrary IPv4 host)';
  if ((g[0] & 0xe000) !== 0x2000) return 'not global unicast';
  return undefined;
}

/** Why an address must not be contacted, or undefined when it is public unicast. Not an IP at all → refused. */
export function addressRefusalReason(address: string): string | undefined {
  if (isIPv4(address)) return ipv4RefusalReason(address);
  if (isIPv6(address.split('%')[0])) return ipv6RefusalReason(address);
  return 'not an IP address';
}

export function isPublicAddress(address: string): boolean {
  return addressRefusalReason(address) === undefined;
}
