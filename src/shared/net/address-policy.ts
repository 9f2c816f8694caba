/**
 * Which IP addresses may be connected to on a user's behalf (SSRF): public
 * unicast only. Refused: loopback, private (RFC 1918, fc00::/7), link-local,
 * CGNAT, multicast, unspecified, broadcast, benchmarking, documentation and
 * other reserved ranges — and an IPv4 address of those kinds hidden in an IPv6
 * one (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 *
 * Pure (no Node modules) so that both cloud-sync's safeFetch (issue 11 §2.4)
 * and the desktop's guarded fetch for WordPress sites (src/node/guarded-fetch.ts)
 * judge an address by the same rules.
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

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const V4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** The 4 bytes of a dotted-quad IPv4 literal (no leading zeros, as Node's isIP), or null. */
function v4Bytes(ip: string): number[] | null {
  return V4.test(ip) ? ip.split('.').map(Number) : null;
}

/** The 16 bytes of an IPv6 literal (`::` and a dotted IPv4 tail expanded, a zone id dropped), or null when it is not one. */
function v6Bytes(ip: string): number[] | null {
  const zone = ip.indexOf('%');
  if (zone >= 0 && !/^[0-9a-z.:-]+$/i.test(ip.slice(zone + 1))) return null;
  let s = zone >= 0 ? ip.slice(0, zone) : ip;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.slice(lastColon + 1).includes('.')) {
    const v4 = v4Bytes(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    // Keep a "::" before the IPv4 part, drop a single colon: "::1.2.3.4" → "::", "1::2:1.2.3.4" → "1::2".
    const before = s.slice(0, lastColon + 1);
    s = before.endsWith('::') ? before : before.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!HEX_GROUP.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return null;
  const explicit = head.length + rest.length + tail.length;
  let words: number[];
  if (halves.length === 2) {
    if (explicit > 7) return null;
    words = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  } else {
    if (explicit !== 8) return null;
    words = [...head, ...tail];
  }
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** 4 or 6 for an IPv4 or IPv6 literal, 0 otherwise (as node:net's isIP, without Node). */
export function ipVersion(ip: string): 0 | 4 | 6 {
  if (v4Bytes(ip)) return 4;
  return ip.includes(':') && v6Bytes(ip) ? 6 : 0;
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

const V6_BLOCKED: readonly (readonly [number[], number])[] = [
  [[0x01, 0x00], 64], // discard-only
  [[0x20, 0x01, 0x00, 0x00], 32], // Teredo (tunnels to any IPv4)
  [[0x20, 0x01, 0x00, 0x10], 28], // ORCHID
  [[0x20, 0x01, 0x00, 0x20], 28], // ORCHIDv2
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x3f, 0xff], 20], // documentation (RFC 9637)
];

/** True when nothing may connect to `ip` for a user (an IPv4 or IPv6 literal; anything else is refused too). */
export function isForbiddenAddress(ip: string): boolean {
  const v4 = v4Bytes(ip);
  if (v4) return v4Blocked(v4);
  const b = ip.includes(':') ? v6Bytes(ip) : null;
  if (!b) return true;
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
