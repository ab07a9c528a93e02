// IP (Safe Harbor 15): IPv4 and IPv6. Loopback, private ranges, the unspecified and broadcast addresses,
// CIDR ranges (a vendor's allowlist) and dotted versions ("version 1.2.3.4") are not a person's.
import { before, matches, type Recognizer, type Sink } from './shared.ts';

const IPV4 =
  /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)/g;
const IPV6 =
  /(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4})(?![\w:])/g;
const CIDR_SUFFIX = /^\/\d{1,2}(?!\d)/;
const NON_PERSONAL_IP = new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255']);
// RFC 1918 private, RFC 6598 carrier-grade NAT and link-local ranges: addresses inside some
// network (the app's servers, a load balancer), reachable and attributable to no one outside it.
const PRIVATE_IPV4 = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/;
const VERSION_CONTEXT = /(?:version|ver\.?|\bv)\s*[:=]?\s*$/;

function isHexRun(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** A full IPv6 address needs seven colons, a compressed one "::"; most lines have neither. */
function mayHoldIpv6(text: string): boolean {
  if (text.includes('::')) return true;
  let chain = 0;
  let previous = -1;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    const gap = i - previous - 1;
    chain = previous >= 0 && gap >= 1 && gap <= 4 && isHexRun(text, previous + 1, i) ? chain + 1 : 1;
    if (chain >= 7) return true;
    previous = i;
  }
  return false;
}

export const ip: Recognizer = {
  name: 'ip',
  types: ['IP'],
  // Not digit-gated: an IPv6 address may be all hex letters ("fe::ab").
  minDigits: 0,
  detect(text: string, sink: Sink): void {
    for (const m of matches(IPV4, text)) {
      if (NON_PERSONAL_IP.has(m[0]) || PRIVATE_IPV4.test(m[0]) || VERSION_CONTEXT.test(before(text, m.index, 12))) continue;
      const end = m.index + m[0].length;
      if (text.charCodeAt(end) === 47 && CIDR_SUFFIX.test(text.slice(end, end + 4))) continue;
      sink.push('IP', m.index, end, 0.9);
    }
    if (mayHoldIpv6(text)) {
      for (const m of matches(IPV6, text)) sink.push('IP', m.index, m.index + m[0].length, 0.85);
    }
  },
};
