/**
 * One normalisation of observable values, used both when indexing and when looking up, so the same
 * value typed differently (case, separators, IPv6 zero runs) finds the same objects.
 */

const NAME_TYPES = new Set(['identity', 'threat-actor', 'intrusion-set', 'malware', 'tool', 'campaign']);
const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX_HASH = /^(?:0x)?[0-9a-fA-F]+$/;
const BECH32_PREFIX = /^(?:bc1|tb1|bcrt1|ltc1)/i;
const URL_HEAD = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)/;
const AS_NUMBER = /^(?:as)?\s*(\d{1,10})$/i;

/** RFC 5952 text of an IPv6 address (optionally with a /prefix); other input is only lower-cased. */
export function normaliseIpv6(text: string): string {
  const lower = text.trim().toLowerCase();
  const slash = lower.indexOf('/');
  const address = slash < 0 ? lower : lower.slice(0, slash);
  const suffix = slash < 0 ? '' : lower.slice(slash);
  if (address.includes('.') || !/^[0-9a-f:]+$/.test(address)) return lower;
  const halves = address.split('::');
  if (halves.length > 2) return lower;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return lower;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return lower;
  const parts = groups.map((g) => g.replace(/^0+(?=.)/, ''));
  return compressZeros(parts) + suffix;
}

function compressZeros(parts: string[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < parts.length; ) {
    let j = i;
    while (j < parts.length && parts[j] === '0') j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (bestStart < 0) return parts.join(':');
  const left = parts.slice(0, bestStart).join(':');
  const right = parts.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}

function normaliseUrl(text: string): string {
  return text
    .trim()
    .replace(URL_HEAD, (_, scheme: string, host: string) => scheme.toLowerCase() + host.toLowerCase());
}

/** Wallet addresses: EVM hex and bech32 are case-insensitive (lower-cased); base58 (BTC legacy, TRX) keeps case. */
function normaliseWallet(text: string): string {
  const value = text.trim();
  return EVM_ADDRESS.test(value) || BECH32_PREFIX.test(value) ? value.toLowerCase() : value;
}

export function normaliseName(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The normalised form of `value` as a `type` names it: an SCO type (`domain-name`, `file` for a hash,
 * `autonomous-system` → `AS1234`, …) or a named SDO type (names are lower-cased).
 */
export function normaliseValue(type: string, value: string): string {
  switch (type) {
    case 'domain-name':
      return value.trim().toLowerCase().replace(/\.$/, '');
    case 'email-addr':
    case 'mac-addr':
      return type === 'mac-addr'
        ? value.trim().toLowerCase().replaceAll('-', ':')
        : value.trim().toLowerCase();
    case 'ipv6-addr':
      return normaliseIpv6(value);
    case 'url':
      return normaliseUrl(value);
    case 'file':
    case 'artifact':
      return value.trim().toLowerCase();
    case 'autonomous-system': {
      const match = AS_NUMBER.exec(value.trim());
      return match ? `AS${Number(match[1])}` : value.trim();
    }
    case 'cryptocurrency-wallet':
      return normaliseWallet(value);
    case 'cryptocurrency-transaction':
      return HEX_HASH.test(value.trim()) ? value.trim().toLowerCase() : value.trim();
    case 'bank-account':
      return value.replace(/\s+/g, '').toUpperCase();
    case 'x509-certificate':
      return value.trim().toLowerCase().replace(/[:\s]/g, '');
    default:
      return NAME_TYPES.has(type) ? normaliseName(value) : value.trim();
  }
}
