/** The indicator type of a pasted value, as POST /incidents names them; undefined if unrecognised. */
export type ValueType =
  | 'ipv4-addr'
  | 'ipv6-addr'
  | 'domain-name'
  | 'url'
  | 'email-addr'
  | 'cryptocurrency-wallet'
  | 'file:md5'
  | 'file:sha1'
  | 'file:sha256';

const RULES: readonly [RegExp, ValueType][] = [
  [/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'ipv4-addr'],
  [/^[0-9a-f]{64}$/i, 'file:sha256'],
  [/^[0-9a-f]{40}$/i, 'file:sha1'],
  [/^[0-9a-f]{32}$/i, 'file:md5'],
  [/^0x[0-9a-f]{40}$/i, 'cryptocurrency-wallet'],
  [/^(bc1|tb1)[02-9ac-hj-np-z]{11,71}$/i, 'cryptocurrency-wallet'],
  [/^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/, 'cryptocurrency-wallet'],
  [/^T[1-9A-HJ-NP-Za-km-z]{33}$/, 'cryptocurrency-wallet'],
  [/^[a-z][a-z0-9+.-]*:\/\/\S+$/i, 'url'],
  [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email-addr'],
  [/^[0-9a-f:]*:[0-9a-f:]*:[0-9a-f:.]*$/i, 'ipv6-addr'],
  [/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'domain-name'],
];

export function valueType(value: string): ValueType | undefined {
  return RULES.find(([rule]) => rule.test(value))?.[1];
}

export function parseValues(text: string): { value: string; type: ValueType | undefined }[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return [...new Set(lines)].map((value) => ({ value, type: valueType(value) }));
}
