import type { IndexTerm } from '../store/types.ts';
import { normaliseName, normaliseValue } from './normalise.ts';
import { patternValues } from './pattern/index.ts';

type Obj = Readonly<Record<string, unknown>>;
type Add = (kind: IndexTerm['kind'], value: string) => void;

const NAMED_TYPES = new Set(['identity', 'threat-actor', 'intrusion-set', 'malware', 'tool', 'campaign']);
const VALUE_TYPES = new Set([
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'mac-addr',
  'cryptocurrency-wallet',
  'cryptocurrency-transaction',
]);

function addString(add: Add, type: string, value: unknown): void {
  if (typeof value === 'string' && value.trim() !== '') add('sco', normaliseValue(type, value));
}

function addHashes(add: Add, type: string, hashes: unknown): void {
  if (typeof hashes !== 'object' || hashes === null) return;
  for (const hash of Object.values(hashes)) addString(add, type, hash);
}

function scoTerms(obj: Obj, type: string, add: Add): void {
  if (VALUE_TYPES.has(type)) {
    addString(add, type, obj.value);
    return;
  }
  switch (type) {
    case 'file':
    case 'artifact':
    case 'x509-certificate':
      addHashes(add, type, obj.hashes);
      if (type === 'x509-certificate') addString(add, type, obj.serial_number);
      return;
    case 'autonomous-system':
      if (typeof obj.number === 'number') add('sco', normaliseValue(type, String(obj.number)));
      return;
    case 'user-account':
      addString(add, type, obj.user_id);
      addString(add, type, obj.account_login);
      return;
    case 'bank-account':
      addString(add, type, obj.iban);
      addString(add, type, obj.account_number);
      return;
  }
}

/** Patterns name observables by path; the object type and path decide how a value is normalised. */
export function normalisePatternValue(objectType: string, path: string, value: string): string {
  if (path.startsWith('hashes.')) return value.trim().toLowerCase();
  if (path === 'value' || (objectType === 'autonomous-system' && path === 'number')) {
    return normaliseValue(objectType, value);
  }
  if (path.endsWith('_ref.value')) return value.trim().toLowerCase();
  if (objectType === 'bank-account' || objectType === 'x509-certificate')
    return normaliseValue(objectType, value);
  return value.trim();
}

function patternTerms(obj: Obj, add: Add): void {
  if (obj.pattern_type !== 'stix' || typeof obj.pattern !== 'string') return;
  for (const { objectType, path, value } of patternValues(obj.pattern)) {
    if (value.trim() !== '') add('pattern', normalisePatternValue(objectType, path, value));
  }
}

/** Alias lists: the spec's, ATT&CK's for software, and ours on notes that carry MISP's extra names. */
const ALIAS_PROPERTIES = ['aliases', 'x_mitre_aliases', 'x_bulwark_aliases'] as const;

function aliasTerms(obj: Obj, add: Add): void {
  for (const property of ALIAS_PROPERTIES) {
    const list = obj[property];
    if (!Array.isArray(list)) continue;
    for (const alias of list)
      if (typeof alias === 'string' && alias.trim() !== '') add('name', normaliseName(alias));
  }
}

function nameTerms(obj: Obj, add: Add): void {
  if (typeof obj.name === 'string' && obj.name.trim() !== '') add('name', normaliseName(obj.name));
  aliasTerms(obj, add);
}

/** The values that name an object, for look-up by value: SCO values, indicator pattern values, SDO names. */
export function indexTermsOf(obj: Obj): IndexTerm[] {
  const type = obj.type;
  if (typeof type !== 'string') return [];
  const terms: IndexTerm[] = [];
  const seen = new Set<string>();
  const add: Add = (kind, value) => {
    const key = `${kind}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ value, kind });
  };
  if (type === 'indicator') patternTerms(obj, add);
  else if (NAMED_TYPES.has(type)) nameTerms(obj, add);
  else if (type === 'note') aliasTerms(obj, add);
  else scoTerms(obj, type, add);
  return terms;
}
