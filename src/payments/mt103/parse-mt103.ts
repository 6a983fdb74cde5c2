import { bicOfTerminal, isBic } from '../bic.ts';
import { malformed } from '../malformed.ts';
import type { Agent, Payment } from '../types.ts';
import { FieldPool, type MtField, readFieldsInto } from './block4.ts';
import {
  checkLines,
  fieldError,
  single,
  swiftAgent,
  swiftDate,
  swiftDateKey,
  swiftMoney,
  swiftParty,
} from './field-formats.ts';
import { FieldIndex, type Slot } from './field-index.ts';
import {
  isChargesCode,
  isDateCurrencyAmount,
  isFourLetters,
  isOutputHeader,
  isReference,
  isUetr,
  oneLine,
} from './field-shapes.ts';
import { type FinChunk, parseEnvelope } from './fin-envelope.ts';
import { checkNetworkRules } from './network-rules.ts';

/** Tags MT103 allows, and whether they may repeat (SWIFT Standards MT, category 1, MT103). */
const ALLOWED: ReadonlyMap<string, boolean> = new Map([
  ...['13C', '23E', '71F'].map((t) => [t, true] as const),
  ...['20', '23B', '26T', '32A', '33B', '36', '50A', '50F', '50K', '51A', '52A', '52D', '53A', '53B', '53D']
    .concat(['54A', '54B', '54D', '55A', '55B', '55D', '56A', '56C', '56D', '57A', '57B', '57C', '57D'])
    .concat(['59', '59A', '59F', '70', '71A', '71G', '72', '77B'])
    .map((t) => [t, false] as const),
]);
/** The index key of each allowed tag: options of one field (50A, 50F, 50K) share one, so only one may appear. */
const GROUP: ReadonlyMap<string, string> = new Map(
  [...ALLOWED.keys()].map((tag) => {
    const second = tag.charCodeAt(1);
    const shared = tag.charCodeAt(0) === 53 && second >= 48 && second <= 57 && second !== 56;
    return [tag, shared ? tag.slice(0, 2) : tag];
  }),
);
/** The index every parse refills (parsing is synchronous: one message at a time uses it). */
const FIELDS = new FieldIndex(new Set(GROUP.values()));
/** The field objects every parse refills. */
const POOL = new FieldPool();
/** Per allowed tag, what indexing needs: one look-up per field instead of four. */
const TAG_INFO: ReadonlyMap<string, { repeatable: boolean; group: string; slot: Slot }> = new Map(
  [...ALLOWED].map(([tag, repeatable]) => {
    const group = GROUP.get(tag) as string;
    return [tag, { repeatable, group, slot: FIELDS.slot(group) as Slot }];
  }),
);
const MANDATORY = ['20', '23B', '32A', '50', '59', '71A'];
const MANDATORY_PATH: Readonly<Record<string, string>> = { '50': ':50a:', '59': ':59a:' };
const INPUT_HEADER = /^I(\d{3})([A-Z0-9]{12})([SUN](\d{1,3})?)?$/;
const OUTPUT_HEADER = /^O(\d{3})(\d{4})(\d{6})([A-Z0-9]{12})\d{10}(\d{6})(\d{4})[SUN]?$/;
const OPERATION_CODES = new Set(['CRED', 'CRTS', 'SPAY', 'SPRI', 'SSTD']);
const INSTRUCTION_CODES = new Set(['CHQB', 'CORT', 'HOLD', 'INTC', 'PHOB', 'PHOI', 'PHON', 'REPA', 'SDVA']);
const INSTRUCTION_CODES_2 = new Set(['TELB', 'TELE', 'TELI']);

interface Header {
  senderBic: string;
  receiverBic: string;
  createdAt?: string;
}

/** Parses one FIN MT103 message into a payment, or throws the BulwarkError of its first fault. */
export function parseMt103(chunk: FinChunk, index: number, source?: string): Payment {
  const envelope = parseEnvelope(chunk);
  const header = readBlock2(envelope.block1, envelope.block2, chunk.line, source);
  const uetr = envelope.block3.get('121');
  if (uetr !== undefined && !isUetr(uetr)) {
    throw malformed('{3:{121:}}', `UETR ${JSON.stringify(uetr)} is not a lowercase UUID v4`, {
      line: chunk.line,
      source,
    });
  }
  readFieldsInto(envelope.block4, envelope.block4Line, POOL, source);
  const fields = indexFields(POOL, chunk.line, source);
  return assemble(fields, header, { index, line: chunk.line }, uetr, source);
}

function readBlock2(block1: string, block2: string, line: number, source?: string): Header {
  const own = bicOfTerminal(block1.slice(3, 15));
  // the usual case, an output MT103 header, by char codes; anything else takes the regex reading below
  if (isOutputHeader(block2) && block2.startsWith('103', 1)) {
    return outputHeader(own, block2.slice(14, 22) + block2.slice(23, 26), block2, line, source);
  }
  const input = INPUT_HEADER.exec(block2);
  // input and output headers start with different letters: at most one can match
  const output = input ? null : OUTPUT_HEADER.exec(block2);
  const type = input?.[1] ?? output?.[1];
  if (!type) {
    throw malformed(
      'block 2',
      `application header ${JSON.stringify(block2)} is neither input (I…) nor output (O…)`,
      {
        line,
        source,
      },
    );
  }
  if (type !== '103')
    throw malformed('block 2', `message type is MT${type}, expected MT103`, { line, source });
  if (input) {
    const receiverBic = bicOfTerminal(input[2] as string);
    if (!isBic(receiverBic))
      throw malformed('block 2', `receiver ${input[2]} is not a terminal address`, { line, source });
    return { senderBic: own, receiverBic };
  }
  const o = output as RegExpExecArray;
  return outputHeader(own, bicOfTerminal(o[4] as string), block2, line, source);
}

/** Sender, input date and time of an output header `O103HHMMYYMMDD…` whose shape is checked. */
function outputHeader(own: string, senderBic: string, block2: string, line: number, source?: string): Header {
  const day = swiftDateKey(block2.slice(8, 14));
  // HHMM are digits (both callers checked the header's shape)
  const hour = (block2.charCodeAt(4) - 48) * 10 + block2.charCodeAt(5) - 48;
  const minute = (block2.charCodeAt(6) - 48) * 10 + block2.charCodeAt(7) - 48;
  if (!isBic(senderBic) || day < 0 || hour > 23 || minute > 59) {
    throw malformed('block 2', 'output header has an invalid sender, input date or input time', {
      line,
      source,
    });
  }
  return { senderBic, receiverBic: own, createdAt: releaseText(block2, day * 1440 + hour * 60 + minute) };
}

/** Release times `YYYY-MM-DDTHH:MM:00` by minute number, built once each (payments come minutes apart). */
const RELEASES = new Map<number, string>();
const MAX_RELEASES = 100_000;

function releaseText(block2: string, key: number): string {
  let text = RELEASES.get(key);
  if (text === undefined) {
    if (RELEASES.size >= MAX_RELEASES) RELEASES.clear();
    const date = swiftDate(block2.slice(8, 14)) as string;
    text = `${date}T${block2.slice(4, 6)}:${block2.slice(6, 8)}:00`;
    RELEASES.set(key, text);
  }
  return text;
}

/** Groups fields by tag, rejecting unknown and repeated ones; keys are full tags and two-digit groups. */
function indexFields(pool: FieldPool, line: number, source?: string): FieldIndex {
  const index = FIELDS;
  index.clear();
  for (let i = 0; i < pool.count; i++) {
    const field = pool.fields[i] as MtField;
    const info = TAG_INFO.get(field.tag);
    if (info === undefined) throw fieldError(field, 'is not a field of MT103', undefined, source);
    if (!info.repeatable && info.slot.first !== undefined) {
      throw fieldError(field, `field ${info.group} appears more than once`, undefined, source);
    }
    index.addTo(info.slot, field);
  }
  // indexed loops here and below: a for-of allocated an iterator result per step before optimisation
  for (let i = 0; i < MANDATORY.length; i++) {
    const tag = MANDATORY[i] as string;
    if (!index.has(tag)) {
      throw malformed(MANDATORY_PATH[tag] ?? `:${tag}:`, 'mandatory field is missing', { line, source });
    }
  }
  return index;
}

/**
 * The slots of the groups read below, resolved once: reading a field is then a property load, not a
 * Map look-up by group (about twenty per message).
 */
function slotOf(group: string): Slot {
  return FIELDS.slot(group) as Slot;
}
const S = {
  f20: slotOf('20'),
  f23B: slotOf('23B'),
  f23E: slotOf('23E'),
  f26T: slotOf('26T'),
  f32A: slotOf('32A'),
  f33B: slotOf('33B'),
  f36: slotOf('36'),
  f13C: slotOf('13C'),
  f50: slotOf('50'),
  f59: slotOf('59'),
  f70: slotOf('70'),
  f71A: slotOf('71A'),
  f71F: slotOf('71F'),
  f71G: slotOf('71G'),
  f72: slotOf('72'),
  f77B: slotOf('77B'),
};
const AGENT_GROUPS = ['51', '52', '53', '54', '55', '56', '57'];
const AGENT_SLOTS = AGENT_GROUPS.map(slotOf);

function assemble(
  index: FieldIndex,
  header: Header,
  location: { index: number; line: number },
  uetr: string | undefined,
  source?: string,
): Payment {
  const f20 = S.f20.first as MtField;
  const reference = oneLine(f20, isReference, '16x without leading, trailing or double /', source);
  const f32a = S.f32A.first as MtField;
  const f32 = oneLine(f32a, isDateCurrencyAmount, '6!n3!a15d (date, currency, amount)', source);
  const date = f32.slice(0, 6);
  const valueDate = swiftDate(date);
  if (!valueDate) throw fieldError(f32a, `${date} is not a valid YYMMDD date`, undefined, source);
  const amount = swiftMoney(f32a, f32.slice(6, 9), f32.slice(9), source);
  const payment: Payment = {
    format: 'mt103',
    reference,
    valueDate,
    amount,
    senderBic: header.senderBic,
    receiverBic: header.receiverBic,
    debtor: swiftParty(S.f50.first as MtField, source),
    creditor: swiftParty(S.f59.first as MtField, source),
    intermediaries: [],
    source: location,
  };
  // assigned in the order the spread literal had, so JSON output keeps its key order
  if (uetr !== undefined) payment.uetr = uetr;
  if (header.createdAt !== undefined) payment.createdAt = header.createdAt;
  readCodes(index, payment, source);
  readAgents(payment, source);
  readNarratives(payment, source);
  checkNetworkRules(index, payment, source);
  return payment;
}

function readCodes(index: FieldIndex, payment: Payment, source?: string): void {
  const f23b = S.f23B.first as MtField;
  const code = oneLine(f23b, isFourLetters, '4!c', source);
  if (!OPERATION_CODES.has(code))
    throw fieldError(f23b, `${code} is not CRED, CRTS, SPAY, SPRI or SSTD`, undefined, source);
  payment.bankOperationCode = code;
  eachField(index.allIn(S.f23E), readInstruction, source);
  const f71a = S.f71A.first as MtField;
  payment.charges = oneLine(f71a, isChargesCode, 'OUR, SHA or BEN', source);
  eachField(index.allIn(S.f71F), readCharges, source);
  eachField(index.allIn(S.f71G), readCharges, source);
  const f33 = S.f33B.first;
  if (f33) {
    const m = single(f33, /^([A-Z]{3})(.+)$/, '3!a15d', source);
    payment.instructedAmount = swiftMoney(f33, m[1] as string, m[2] as string, source);
  }
  const f36 = S.f36.first;
  if (f36)
    payment.exchangeRate = (
      single(f36, /^(\d+,\d*)$/, '12d rate with a decimal comma', source)[1] as string
    ).replace(',', '.');
  const times = index.allIn(S.f13C);
  for (let i = 0; i < times.length; i++) {
    const field = times[i] as MtField;
    single(
      field,
      /^\/(CLSTIME|RNCTIME|SNDTIME)\/([01]\d|2[0-3])[0-5]\d[+-]\d{4}$/,
      '/CODE/HHMM±HHMM',
      source,
    );
  }
  const f26 = S.f26T.first;
  if (f26) payment.purpose = single(f26, /^([A-Z0-9]{3})$/, '3!c', source)[1] as string;
}

function eachField(
  fields: readonly MtField[],
  read: (field: MtField, source?: string) => void,
  source?: string,
): void {
  for (let i = 0; i < fields.length; i++) read(fields[i] as MtField, source);
}

/** 71F, 71G: charges, currency and amount. */
function readCharges(field: MtField, source?: string): void {
  const m = single(field, /^([A-Z]{3})(.+)$/, '3!a15d', source);
  swiftMoney(field, m[1] as string, m[2] as string, source);
}

/** 23E: an instruction code, with text only where the code allows it. */
function readInstruction(field: MtField, source?: string): void {
  const m = single(field, /^([A-Z]{4})(\/.{1,30})?$/, '4!c[/30x]', source);
  const code = m[1] as string;
  if (!INSTRUCTION_CODES.has(code) && !INSTRUCTION_CODES_2.has(code)) {
    throw fieldError(field, `${code} is not an MT103 instruction code`, undefined, source);
  }
}

function readAgents(payment: Payment, source?: string): void {
  for (let g = 0; g < AGENT_GROUPS.length; g++) {
    const group = AGENT_GROUPS[g] as string;
    const field = (AGENT_SLOTS[g] as Slot).first;
    if (!field) continue;
    const agent: Agent = swiftAgent(field, source);
    if (group === '52' && field.tag === '52A') payment.debtorAgent = agent.bic as string;
    else if (group === '57' && field.tag === '57A') payment.creditorAgent = agent.bic as string;
    else payment.intermediaries.push(agent);
  }
}

function readNarratives(payment: Payment, source?: string): void {
  const f70 = S.f70.first;
  if (f70) {
    checkLines(f70, 4, 35, source);
    payment.remittance = f70.lines.join('\n');
  }
  const f72 = S.f72.first;
  if (f72) {
    checkLines(f72, 6, 35, source);
    payment.senderToReceiver = f72.lines.join('\n');
  }
  const f77 = S.f77B.first;
  if (f77) checkLines(f77, 3, 35, source);
}

/** The bank that sent the payment: ordering institution, else the message sender. */
export function originatorBank(payment: Payment): string | undefined {
  return payment.debtorAgent ?? payment.senderBic;
}
