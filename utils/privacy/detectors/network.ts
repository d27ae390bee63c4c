import { type Detector, scan } from '../types';

// IPv4: four 0–255 octets, not part of a longer dotted run (version numbers like 1.2.3.4.5 stay).
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
// IPv6 candidates: hex groups joined by colons; validated below (8 groups, or fewer with exactly one "::",
// optionally ending in an IPv4). Times (09:14:30) and MAC addresses (6 groups, no "::") fail validation.
const IPV6_RE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;

function validIpv6(value: string): boolean {
  let text = value;
  const v4 = /(?:\d{1,3}\.){3}\d{1,3}$/.exec(text);
  if (v4) {
    if (!new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(v4[0])) return false;
    // An embedded IPv4 stands for the last two 16-bit groups.
    text = `${text.slice(0, v4.index)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length;
  if (halves.length === 2) return count <= 7 && /[0-9A-Fa-f]/.test(value) && value !== '::';
  return count === 8;
}

export const ipDetector: Detector = {
  id: 'ip',
  label: 'IP',
  description: 'IPv4 and IPv6 addresses.',
  find: (text) => [
    ...scan(text, IPV4_RE, 'IP', () => true),
    ...scan(text, IPV6_RE, 'IP', (m) => validIpv6(m[0])),
  ],
};
