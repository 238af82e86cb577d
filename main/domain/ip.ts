/**
 * IP addresses as 16 bytes (IPv4 mapped into IPv6 as ::ffff:a.b.c.d), so that ordering the bytes
 * orders the addresses and a CIDR block is one inclusive byte range for both families.
 */

const V4_PART = /^(?:0|[1-9]\d{0,2})$/; // no leading zeros: "010" is octal to some parsers
const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

function parseV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!V4_PART.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

/** Parses an IPv6 address: 8 groups, at most one `::`, optionally a dotted IPv4 tail. */
function parseV6(s: string): number[] | null {
  let text = s;
  if (text.includes('.')) {
    // Rewrite the IPv4 tail as the two groups it stands for, then parse plain IPv6.
    const cut = text.lastIndexOf(':');
    const v4 = cut < 0 ? null : parseV4(text.slice(cut + 1));
    if (!v4) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!V6_GROUP.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groups(halves[0] ?? '');
  if (!head) return null;
  let words: number[];
  if (halves.length === 1) {
    if (head.length !== 8) return null;
    words = head;
  } else {
    const rest = groups(halves[1] ?? '');
    if (!rest || head.length + rest.length > 7) return null;
    words = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  }
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** 16 bytes for an IPv4 or IPv6 address (a zone like `%eth0` is ignored); null when not an IP. */
export function ipToBin(ip: string): Buffer | null {
  return parseIp(ip.trim());
}

function parseIp(text: string): Buffer | null {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) {
    if (!s.includes(':') || zone === s.length - 1) return null;
    s = s.slice(0, zone);
  }
  if (s.includes(':')) {
    const bytes = parseV6(s);
    return bytes ? Buffer.from(bytes) : null;
  }
  const v4 = parseV4(s);
  return v4 ? Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]) : null;
}

/**
 * The inclusive byte range of a CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or of one address.
 * Host bits set below the prefix are ignored, as most tools do. An IPv4 prefix counts bits of
 * the IPv4 address, so `0.0.0.0/0` is every IPv4 address and nothing else.
 */
export function cidrRange(cidr: string): { lo: Buffer; hi: Buffer } | null {
  const s = cidr.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const bin = parseIp(addr);
  if (!bin) return null;
  let bits = 128;
  if (slash >= 0) {
    const prefix = s.slice(slash + 1);
    if (!PREFIX.test(prefix)) return null;
    const n = Number(prefix);
    const v4 = !addr.includes(':');
    if (n > (v4 ? 32 : 128)) return null;
    bits = v4 ? 96 + n : n;
  }
  const lo = Buffer.alloc(16);
  const hi = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) {
    const keep = Math.min(8, Math.max(0, bits - 8 * i));
    const mask = (0xff << (8 - keep)) & 0xff;
    const b = bin[i] ?? 0;
    lo[i] = b & mask;
    hi[i] = b | (~mask & 0xff);
  }
  return { lo, hi };
}
