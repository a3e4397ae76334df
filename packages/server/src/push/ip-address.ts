/**
 * Literal IP address checks for the webhook URL guard. Works on host names as the WHATWG URL
 * parser leaves them: IPv4 in dotted decimal (the parser already turned `0x7f.1` or `2130706433`
 * into `127.0.0.1`) and IPv6 in brackets, compressed, with an embedded IPv4 tail written in hex.
 */

/** The four octets of a dotted-decimal IPv4 address, or undefined. */
export function parseIpv4(host: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address (brackets allowed), or undefined. */
export function parseIpv6(host: string): number[] | undefined {
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!address.includes(':')) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  // An IPv4 tail such as ::ffff:127.0.0.1 stands for the last two groups.
  const last = tail.length > 0 ? tail : head;
  const ipv4 = parseIpv4(last.at(-1) ?? '');
  if (ipv4) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4;
    last.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return all.map((group) => parseInt(group, 16));
}

/**
 * Why an IPv4 address is not a public webhook target: `'loopback'`, `'private'`, `'link-local'`,
 * `'unspecified'`; undefined when it is public.
 */
export function classifyIpv4(octets: readonly number[]): string | undefined {
  const [a = 0, b = 0] = octets;
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  return undefined;
}

/** Like {@link classifyIpv4} for IPv6, including IPv4-mapped and IPv4-compatible addresses. */
export function classifyIpv6(groups: readonly number[]): string | undefined {
  const first = groups[0] ?? 0;
  const embedsIpv4 = groups.slice(0, 5).every((group) => group === 0);
  if (embedsIpv4 && (groups[5] === 0xffff || groups[5] === 0)) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    if (groups[5] === 0 && high === 0 && low === 1) return 'loopback';
    return classifyIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  return undefined;
}
