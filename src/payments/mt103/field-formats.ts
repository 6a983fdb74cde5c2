import type { BulwarkError } from '../../errors/index.ts';
import { isBic, isIban } from '../bic.ts';
import { currencyDecimals, toMoney } from '../currency.ts';
import { daysInMonth } from '../dates.ts';
import { malformed } from '../malformed.ts';
import type { Account, Agent, Money, Party } from '../types.ts';
import type { MtField } from './block4.ts';
import { isXLine } from './x-charset.ts';

/** Raises the error of one field, with its tag as path and its line. */
export function fieldError(field: MtField, reason: string, hint?: string, source?: string): BulwarkError {
  return malformed(`:${field.tag}:`, reason, { line: field.line, source }, hint);
}

/** Checks the SWIFT `n*35x` shape: at most `maxLines` lines of at most `width` X characters. */
export function checkLines(field: MtField, maxLines: number, width: number, source?: string): void {
  if (field.lines.length > maxLines) {
    throw fieldError(
      field,
      `has ${field.lines.length} lines, at most ${maxLines} allowed`,
      undefined,
      source,
    );
  }
  for (let i = 0; i < field.lines.length; i++) {
    const text = field.lines[i] as string;
    if (text.length > width) {
      throw malformed(`:${field.tag}:`, `line ${i + 1} has ${text.length} characters, at most ${width}`, {
        line: field.line + i,
        source,
      });
    }
    if (!isXLine(text)) {
      throw malformed(`:${field.tag}:`, `line ${i + 1} has a character outside the SWIFT X set`, {
        line: field.line + i,
        source,
      });
    }
  }
}

export function single(field: MtField, pattern: RegExp, shape: string, source?: string): RegExpExecArray {
  const match = field.lines.length === 1 ? pattern.exec(field.lines[0] as string) : null;
  if (!match) {
    throw fieldError(field, `${JSON.stringify(field.lines.join('\n'))} is not ${shape}`, undefined, source);
  }
  return match;
}

function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** YYMMDD → YYYY-MM-DD, checking that the day exists (arithmetic, no Date: it runs for every message). */
export function swiftDate(text: string): string | undefined {
  const key = swiftDateKey(text);
  if (key < 0) return undefined;
  let iso = DATES.get(key);
  if (iso === undefined) {
    const yy = Math.floor(key / 372);
    if (DATES.size >= MAX_DATES) DATES.clear();
    iso = `${yy < 80 ? 2000 + yy : 1900 + yy}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
    DATES.set(key, iso);
  }
  return iso;
}

/**
 * The ISO texts of YYMMDD dates by day number: payments of one day share a value date and a release
 * date, so each is built once and then found by a number (one string instance per day, which also
 * keeps its hash for the holiday look-ups of screening).
 */
const DATES = new Map<number, string>();
const MAX_DATES = 40_000;

/** YYMMDD of an existing day as yy × 372 + (month − 1) × 31 + day − 1, else -1. */
export function swiftDateKey(text: string): number {
  if (text.length !== 6) return -1;
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const m1 = digitAt(text, 2);
  const m2 = digitAt(text, 3);
  const d1 = digitAt(text, 4);
  const d2 = digitAt(text, 5);
  if (y1 < 0 || y2 < 0 || m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return -1;
  const yy = y1 * 10 + y2;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return -1;
  if (day > daysInMonth(yy < 80 ? 2000 + yy : 1900 + yy, month)) return -1;
  return yy * 372 + (month - 1) * 31 + day - 1;
}

/** `^\d[\d]*,\d*$` by char codes: digits, one decimal comma, digits. */
export function isCommaAmount(amount: string): boolean {
  const comma = amount.indexOf(',');
  if (comma < 1 || amount.indexOf(',', comma + 1) >= 0) return false;
  for (let i = 0; i < amount.length; i++) {
    const c = amount.charCodeAt(i);
    if (i !== comma && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** `3!a15d`: currency then an amount with a mandatory decimal comma. */
export function swiftMoney(field: MtField, currency: string, amount: string, source?: string): Money {
  if (currencyDecimals(currency) === undefined) {
    throw fieldError(field, `${currency} is not an ISO 4217 currency code`, undefined, source);
  }
  if (amount.length > 15 || !isCommaAmount(amount)) {
    throw fieldError(
      field,
      `amount ${JSON.stringify(amount)} is not digits with one decimal comma, at most 15 characters`,
      'Write e.g. 1234,56 or 1234,',
      source,
    );
  }
  const money = toMoney(amount, currency, ',');
  if (money === 'decimals') {
    throw fieldError(
      field,
      `${currency} allows ${currencyDecimals(currency)} decimals, got ${amount}`,
      undefined,
      source,
    );
  }
  if (typeof money === 'string')
    throw fieldError(field, `amount ${amount} is not a number`, undefined, source);
  return money;
}

export function toAccount(text: string): Account {
  return { kind: isIban(text) ? 'iban' : 'other', value: text };
}

/** An optional first line `/account` or `/D/…`, `//clearing` before a BIC or name. */
function partyIdentifier(lines: string[]): { id?: string; rest: string[] } {
  const first = lines[0];
  if (first?.startsWith('/') && lines.length > 1) return { id: first.slice(1), rest: lines.slice(1) };
  return { rest: lines };
}

function requireBic(field: MtField, text: string | undefined, source?: string): string {
  if (text === undefined || !isBic(text)) {
    throw fieldError(
      field,
      `${JSON.stringify(text ?? '')} is not a BIC (8 or 11 characters, ISO 9362)`,
      undefined,
      source,
    );
  }
  return text;
}

/** Fields 50a (ordering customer) and 59a (beneficiary). */
export function swiftParty(field: MtField, source?: string): Party {
  const option = field.tag.slice(2);
  if (option === 'F') return optionF(field, source);
  checkLines(field, 5, 35, source);
  const lines = field.lines;
  const first = lines[0] ?? '';
  const hasAccount = first.startsWith('/');
  if (hasAccount && first.length > 35) throw fieldError(field, 'account is longer than 34 characters');
  const account = hasAccount ? toAccount(first.slice(1)) : undefined;
  // lines after the account, by position: no array of the rest per party
  const from = hasAccount ? 1 : 0;
  const rest = lines.length - from;
  // properties assigned in the order the spread literals had, so JSON output keeps its key order
  if (option === 'A') {
    if (rest !== 1) throw fieldError(field, 'option A is [/account] then one BIC line', undefined, source);
    const party: Party = { addressLines: [], bic: requireBic(field, lines[from], source) };
    if (account) party.account = account;
    return party;
  }
  if (rest === 0 || rest > 4) {
    throw fieldError(field, 'needs a name and at most 4 lines of name and address', undefined, source);
  }
  const party: Party = {
    name: lines[from] as string,
    addressLines: rest === 1 ? [] : lines.slice(from + 1),
  };
  if (account) party.account = account;
  return party;
}

/** Option F: a party identifier line and numbered lines `1/NAME`, `2/ADDRESS`, `3/CC/TOWN`, … */
function optionF(field: MtField, source?: string): Party {
  checkLines(field, 5, 35, source);
  const [identifier, ...numbered] = field.lines;
  if (!identifier || numbered.length === 0) {
    throw fieldError(field, 'option F needs a party identifier line and numbered lines', undefined, source);
  }
  const party: Party = { addressLines: [] };
  const isBeneficiary = field.tag.startsWith('59');
  if (identifier.startsWith('/')) party.account = toAccount(identifier.slice(1));
  else if (!isBeneficiary && /^[A-Z]{4}\/[A-Z]{2}\/.+$/.test(identifier)) party.identifier = identifier;
  else
    throw fieldError(field, `party identifier ${JSON.stringify(identifier)} is not /account or CODE/CC/id`);
  let previous = 0;
  for (const [i, text] of numbered.entries()) {
    const match = /^([1-8])\/(.+)$/.exec(text);
    const number = Number(match?.[1]);
    if (!match || number < previous) {
      throw malformed(`:${field.tag}:`, `line ${i + 2} is not a numbered line n/text in order`, {
        line: field.line + i + 1,
        source,
      });
    }
    previous = number;
    applyNumberedLine(party, number, match[2] as string);
  }
  if (party.name === undefined) throw fieldError(field, 'option F needs a 1/ name line', undefined, source);
  return party;
}

function applyNumberedLine(party: Party, number: number, text: string): void {
  if (number === 1) party.name = party.name === undefined ? text : `${party.name} ${text}`;
  else if (number === 2) party.addressLines.push(text);
  else if (number === 3) {
    party.country = text.slice(0, 2);
    party.addressLines.push(text.slice(3));
  } else if (number === 4 || number === 5 || number === 7) party.isPerson = true;
}

const AGENT_ROLES: Readonly<Record<string, string>> = {
  '51': 'sending-institution',
  '52': 'ordering-institution',
  '53': 'senders-correspondent',
  '54': 'receivers-correspondent',
  '55': 'third-reimbursement',
  '56': 'intermediary',
  '57': 'account-with',
};

/** Fields 51A–57D: a financial institution by BIC (A), location (B), clearing code (C) or name (D). */
export function swiftAgent(field: MtField, source?: string): Agent {
  const option = field.tag.slice(2);
  checkLines(field, option === 'D' ? 5 : 2, 35, source);
  const role = AGENT_ROLES[field.tag.slice(0, 2)] ?? field.tag;
  if (option === 'C') {
    if (field.lines.length !== 1 || !field.lines[0]?.startsWith('/')) {
      throw fieldError(field, 'option C is one line /clearing-code', undefined, source);
    }
    return { role, clearing: field.lines[0].slice(1) };
  }
  const { id, rest } = partyIdentifier(field.lines);
  const agent: Agent = { role };
  if (id !== undefined) agent.account = id;
  if (option === 'A') {
    if (rest.length !== 1)
      throw fieldError(field, 'option A is [/identifier] then one BIC line', undefined, source);
    agent.bic = requireBic(field, rest[0], source);
  } else if (option === 'B') {
    const only = field.lines.length === 1 && field.lines[0]?.startsWith('/');
    if (only) return { role, account: (field.lines[0] as string).slice(1) };
    if (rest.length !== 1)
      throw fieldError(field, 'option B is [/identifier] then one location line', undefined, source);
    agent.name = rest[0] as string;
  } else {
    if (rest.length === 0 || rest.length > 4)
      throw fieldError(field, 'option D is a name and up to 3 address lines');
    agent.name = rest.join('\n');
  }
  return agent;
}
