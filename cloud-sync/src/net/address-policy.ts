import { isIP } from 'node:net';

/**
 * Which IP addresses the server may connect to on a user's behalf (SSRF, issue 11 §2.4): public
 * unicast only. Refused: loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, multicast,
 * unspecified, broadcast, benchmarking, documentation and other reserved ranges — and an IPv4
 * address of those kinds hidden in an IPv6 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 */

/** [first octets, prefix length] of the IPv4 ranges that are not public unicast. */
const V4_BLOCKED: readonly (readonly [number[], number])[] = [
  [[0], 8], // "this network", 0.0.0.0
  [[10], 8], // private
  [[100, 64], 10], // CGNAT
  [[127], 8], // loopback
  [[169, 254], 16], // link-local (cloud metadata services live here)
  [[172, 16], 12], // private
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2], 24], // documentation
  [[192, 88, 99], 24], // 6to4 relay anycast
  [[192, 168], 16], // private
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24], // documentation
  [[203, 0, 113], 24], // documentation
  [[224], 4], // multicast
  [[240], 4], // reserved, and 255.255.255.255 broadcast
];

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

function inPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Blocked(bytes: readonly number[]): boolean {
  return V4_BLOCKED.some(([prefix, bits]) => inPrefix(bytes, prefix, bits));
}

/** The 16 bytes of an IPv6 address (with `::` and a dotted IPv4 tail expanded). */
function v6Bytes(ip: string): number[] {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Bytes(dotted[1]);
    s = `${s.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = s.split('::');
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const words = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

const V6_BLOCKED: readonly (readonly [number[], number])[] = [
  [[0x01, 0x00], 64], // discard-only
  [[0x20, 0x01, 0x00, 0x00], 32], // Teredo (tunnels to any IPv4)
  [[0x20, 0x01, 0x00, 0x10], 28], // ORCHID
  [[0x20, 0x01, 0x00, 0x20], 28], // ORCHIDv2
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x3f, 0xff], 20], // documentation (RFC 9637)
];

/** True when the server must not connect to `ip` (an IPv4 or IPv6 literal; anything else is refused too). */
export function isForbiddenAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) return v4Blocked(v4Bytes(ip));
  if (kind !== 6) return true;
  const b = v6Bytes(ip);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) is judged as its IPv4 address; ::a.b.c.d (IPv4-compatible,
  // deprecated; also :: and ::1) is always refused; so is ::ffff:0:a.b.c.d (SIIT translated) below.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Blocked(b.slice(12));
  if (zeros(0, 12)) return true;
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return v4Blocked(b.slice(12));
  // NAT64: 64:ff9b::/96 (well-known) and 64:ff9b:1::/48 (local use, always refused).
  if (inPrefix(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) return true;
  if (inPrefix(b, [0x00, 0x64, 0xff, 0x9b], 32) && zeros(4, 12)) return v4Blocked(b.slice(12));
  // 6to4: 2002:AABB:CCDD::/48 carries the IPv4 address AA.BB.CC.DD.
  if (b[0] === 0x20 && b[1] === 0x02) return v4Blocked(b.slice(2, 6));
  // Only global unicast (2000::/3) is public: this excludes ::/128, ::1, fc00::/7, fe80::/10, fec0::/10, ff00::/8.
  if ((b[0]! & 0xe0) !== 0x20) return true;
  return V6_BLOCKED.some(([prefix, bits]) => inPrefix(b, prefix, bits));
}
