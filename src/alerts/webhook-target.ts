/**
 * Where the hub may POST an organisation's alerts. A member's admin chooses the webhook URL, and the
 * hub, not the member, makes the request: without a guard a member could aim it at the hub's own
 * network (a metadata service, a database's HTTP port, an internal admin page) — server-side request
 * forgery. So, unless the operator allows private targets (`bulwark serve --webhook-allow-private`,
 * for a hub and receivers on one private network), a webhook must resolve to public unicast
 * addresses only. The check runs when the URL is set (literal addresses) and again on every delivery
 * inside the connection's own DNS lookup, so a name that later resolves to 10.0.0.1 (DNS rebinding)
 * is refused at the moment of connecting, not just at registration.
 */
import { type LookupAddress, type LookupAllOptions, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { BulwarkError } from '../errors/index.ts';

/** Ranges that are not the public internet (IANA special-purpose registries, RFC 6890 and successors). */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6');
}

/** True for an address a webhook may not reach unless private targets are allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d or ::ffff:xxxx:xxxx) and the NAT64 well-known prefix carry an IPv4
  // address: judge that one, or ::ffff:127.0.0.1 would slip through as "IPv6".
  const embedded = embeddedIpv4(lower);
  if (embedded !== undefined) return NOT_PUBLIC.check(embedded, 'ipv4');
  return NOT_PUBLIC.check(lower, 'ipv6');
}

function embeddedIpv4(v6: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(v6);
  if (m === null) return undefined;
  if (m[1] !== undefined) return m[1];
  const hi = Number.parseInt(m[2]!, 16);
  const lo = Number.parseInt(m[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

function refused(url: string, address: string, host: string): BulwarkError {
  return new BulwarkError(
    'WEBHOOK_TARGET',
    `webhook ${url} reaches ${address}, which is not a public address`,
    {
      path: 'url',
      source: host,
      hint: 'Use a public https endpoint; a hub operator whose receivers are on a private network starts it with bulwark serve --webhook-allow-private',
    },
  );
}

/** The host of a URL as an address when it is a literal one (IPv6 without its brackets). */
function literalHost(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? undefined : host;
}

/**
 * Refuses a webhook URL whose host is a literal private address or a name that can only be local:
 * when it is set, and before each delivery (Node does not look literal hosts up, so `guardedLookup`
 * never sees them); other names are checked as they resolve, by `guardedLookup`.
 */
export function checkWebhookUrl(href: string, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const url = new URL(href);
  const literal = literalHost(url);
  if (literal !== undefined && isPrivateAddress(literal)) throw refused(href, literal, url.hostname);
  const name = url.hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) throw refused(href, name, url.hostname);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves as usual, then refuses to connect when any answer is a
 * private address. Checking every answer, not only the one used, keeps a round-robin name from
 * smuggling a private address in among public ones.
 */
export function guardedLookup(href: string) {
  return (hostname: string, options: LookupAllOptions | number | object, callback: LookupCallback): void => {
    const o = typeof options === 'number' ? { family: options } : options;
    lookup(hostname, { ...(o as object), all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad !== undefined)
        return callback(refused(href, bad.address, hostname) as NodeJS.ErrnoException, []);
      if ((o as LookupAllOptions).all === true) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
