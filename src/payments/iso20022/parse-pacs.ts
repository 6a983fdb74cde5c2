import type { BulwarkError } from '../../errors/index.ts';
import { isBulwarkError } from '../../errors/index.ts';
import { currencyDecimals, toMoney } from '../currency.ts';
import { isCalendarDate } from '../dates.ts';
import { malformed } from '../malformed.ts';
import type { Money, Payment, PaymentFormat } from '../types.ts';
import { agentBic, readAgent, readParty } from './iso-party.ts';
import { type XmlNode, XmlReader } from './xml-node.ts';
import { parseXmlTree, XmlSyntaxError } from './xml-tree.ts';

export type PacsResult = { ok: true; payment: Payment } | { ok: false; error: BulwarkError };

const NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:(pacs\.00[89])\.001\.(\d{2})/;
const SUPPORTED: Readonly<Record<string, readonly [number, number]>> = {
  'pacs.008': [7, 13],
  'pacs.009': [7, 11],
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
const UETR = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/;
const REPEATED = new Set(['CdtTrfTxInf', 'AdrLine', 'Ustrd', 'Strd', 'InstrForNxtAgt']);

/** Parses one pacs.008 (or pacs.009) XML document: one result per credit transfer transaction. */
export function parsePacs(xml: string, index: number, line: number, source?: string): PacsResult[] {
  if (/<!DOCTYPE/i.test(xml)) {
    throw malformed(
      'xml',
      'a DOCTYPE is not allowed in a payment message',
      { line, source },
      'Remove the DOCTYPE',
    );
  }
  const version = NAMESPACE.exec(xml);
  const format = version?.[1] as PaymentFormat | undefined;
  const range = format ? SUPPORTED[format] : undefined;
  if (!version || !format || !range || Number(version[2]) < range[0] || Number(version[2]) > range[1]) {
    throw malformed(
      'Document',
      `namespace ${version?.[0] ?? '(none)'} is not pacs.008.001.07–13 or pacs.009.001.07–11`,
      {
        line,
        source,
      },
    );
  }
  const tree = parseTree(xml, line, source);
  const root = findMessage(tree, format === 'pacs.008' ? 'FIToFICstmrCdtTrf' : 'FICdtTrf');
  if (!root)
    throw malformed('Document', `has no ${format === 'pacs.008' ? 'FIToFICstmrCdtTrf' : 'FICdtTrf'}`, {
      line,
      source,
    });
  const message = new XmlReader(root, '', line, source);
  const group = readGroupHeader(message.need('GrpHdr'));
  const head = findMessage(tree, 'AppHdr');
  if (head) {
    // the business application header names sender and receiver when the agents are not given
    const header = new XmlReader(head, 'AppHdr', line, source);
    group.instructing ??= agentBic(header.child('Fr')?.child('FIId'));
    group.instructed ??= agentBic(header.child('To')?.child('FIId'));
  }
  const transactions = message.list('CdtTrfTxInf');
  if (transactions.length !== group.count) {
    throw message.fail(
      'GrpHdr.NbOfTxs',
      `says ${group.count} transactions, the message holds ${transactions.length}`,
    );
  }
  const lines = transactionLines(xml, line);
  return transactions.map((tx, i) => {
    const reader = new XmlReader(tx.node, tx.path, lines[i] ?? line, source);
    try {
      return {
        ok: true,
        payment: readTransaction(reader, group, format, { index, line: reader.line, transaction: i }),
      };
    } catch (error) {
      if (isBulwarkError(error)) return { ok: false, error };
      throw error;
    }
  });
}

function parseTree(xml: string, line: number, source?: string): XmlNode {
  try {
    return parseXmlTree(xml, REPEATED);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    let lines = 0;
    for (let i = 0; i < error.offset && i < xml.length; i++) if (xml.charCodeAt(i) === 10) lines++;
    throw malformed('xml', error.message, { line: line + lines, source }, 'Send well-formed XML');
  }
}

function findMessage(node: XmlNode, name: string, depth = 0): XmlNode | undefined {
  const direct = node[name];
  if (typeof direct === 'object' && direct !== null && !Array.isArray(direct)) return direct as XmlNode;
  if (depth > 4) return undefined;
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const found = findMessage(value as XmlNode, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Line of each transaction's opening tag, so errors point into the file. */
export function transactionLines(xml: string, firstLine: number): number[] {
  const lines: number[] = [];
  const pattern = /<(?:[\w-]+:)?CdtTrfTxInf[\s>]/g;
  let line = firstLine;
  let last = 0;
  for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) {
    // line feeds by native search, not a loop over every char of the document
    for (let i = xml.indexOf('\n', last); i >= 0 && i < m.index; i = xml.indexOf('\n', i + 1)) line++;
    last = m.index;
    lines.push(line);
  }
  return lines;
}

interface GroupHeader {
  messageId: string;
  createdAt: string;
  count: number;
  settlementDate?: string;
  instructing?: string | undefined;
  instructed?: string | undefined;
}

function readGroupHeader(header: XmlReader): GroupHeader {
  const messageId = header.needText('MsgId', /^.{1,35}$/, 'Max35Text');
  const createdAt = header.needText('CreDtTm', ISO_DATE_TIME, 'an ISO date-time');
  checkDate(header, 'CreDtTm', createdAt.slice(0, 10));
  const count = Number(header.needText('NbOfTxs', /^\d{1,15}$/, 'a count of transactions'));
  header.need('SttlmInf').needText('SttlmMtd', /^(INDA|INGA|COVE|CLRG)$/, 'INDA, INGA, COVE or CLRG');
  const settlementDate = header.text('IntrBkSttlmDt');
  if (settlementDate !== undefined) checkDate(header, 'IntrBkSttlmDt', settlementDate);
  const instructing = agentBic(header.child('InstgAgt'));
  const instructed = agentBic(header.child('InstdAgt'));
  return {
    messageId,
    createdAt,
    count,
    ...(settlementDate === undefined ? {} : { settlementDate }),
    ...(instructing === undefined ? {} : { instructing }),
    ...(instructed === undefined ? {} : { instructed }),
  };
}

function checkDate(reader: XmlReader, name: string, text: string): void {
  if (!ISO_DATE.test(text) || !isCalendarDate(text)) {
    throw reader.fail(name, `${JSON.stringify(text)} is not a valid YYYY-MM-DD date`);
  }
}

export function readMoney(parent: XmlReader, name: string): Money {
  const element = parent.need(name);
  const currency = element.attribute('Ccy');
  if (currency === undefined || currencyDecimals(currency) === undefined) {
    throw parent.fail(name, `currency ${JSON.stringify(currency ?? '')} is not an ISO 4217 code`);
  }
  const text = element.value();
  if (!/^\d{1,18}(\.\d{1,5})?$/.test(text))
    throw parent.fail(name, `${JSON.stringify(text)} is not a decimal amount`);
  const money = toMoney(text, currency, '.');
  if (typeof money === 'string') {
    throw parent.fail(name, `${currency} allows ${currencyDecimals(currency)} decimals, got ${text}`);
  }
  return money;
}

function readTransaction(
  tx: XmlReader,
  group: GroupHeader,
  format: PaymentFormat,
  source: Payment['source'],
): Payment {
  const id = tx.need('PmtId');
  const instructionId = id.text('InstrId');
  const endToEndId = id.needText('EndToEndId', /^.{1,35}$/, 'Max35Text');
  const uetr = id.text('UETR');
  if (uetr !== undefined && !UETR.test(uetr))
    throw id.fail('UETR', `${JSON.stringify(uetr)} is not a UUID v4`);
  const amount = readMoney(tx, 'IntrBkSttlmAmt');
  const valueDate = tx.text('IntrBkSttlmDt') ?? group.settlementDate;
  if (valueDate === undefined) throw tx.fail('IntrBkSttlmDt', 'is missing here and in GrpHdr');
  checkDate(tx, 'IntrBkSttlmDt', valueDate);
  const payment: Payment = {
    format,
    reference: instructionId ?? endToEndId,
    endToEndId,
    valueDate,
    createdAt: group.createdAt,
    amount,
    debtor: { addressLines: [] },
    creditor: { addressLines: [] },
    intermediaries: [],
    source,
    ...(uetr === undefined ? {} : { uetr }),
  };
  readParties(tx, payment, format);
  readDetails(tx, payment, group);
  return payment;
}

function readParties(tx: XmlReader, payment: Payment, format: PaymentFormat): void {
  if (format === 'pacs.009') {
    payment.debtor = { addressLines: [], ...bicParty(tx.need('Dbtr')) };
    payment.creditor = { addressLines: [], ...bicParty(tx.need('Cdtr')) };
  } else {
    payment.debtor = readParty(tx.need('Dbtr'), tx.child('DbtrAcct'));
    payment.creditor = readParty(tx.need('Cdtr'), tx.child('CdtrAcct'));
  }
  const debtorAgent = agentBic(format === 'pacs.008' ? tx.need('DbtrAgt') : tx.child('DbtrAgt'));
  const creditorAgent = agentBic(format === 'pacs.008' ? tx.need('CdtrAgt') : tx.child('CdtrAgt'));
  if (debtorAgent !== undefined) payment.debtorAgent = debtorAgent;
  if (creditorAgent !== undefined) payment.creditorAgent = creditorAgent;
  for (const n of [1, 2, 3]) {
    const agent = tx.child(`IntrmyAgt${n}`);
    if (agent) payment.intermediaries.push(readAgent(agent, 'intermediary', tx.child(`IntrmyAgt${n}Acct`)));
  }
}

function bicParty(party: XmlReader): { name?: string; bic?: string } {
  const bic = agentBic(party);
  const name = party.child('FinInstnId')?.text('Nm');
  return { ...(bic === undefined ? {} : { bic }), ...(name === undefined ? {} : { name }) };
}

function readDetails(tx: XmlReader, payment: Payment, group: GroupHeader): void {
  const charges = tx.text('ChrgBr');
  if (charges !== undefined && !/^(DEBT|CRED|SHAR|SLEV)$/.test(charges)) {
    throw tx.fail('ChrgBr', `${charges} is not DEBT, CRED, SHAR or SLEV`);
  }
  if (charges === undefined && payment.format === 'pacs.008')
    throw tx.fail('ChrgBr', 'mandatory element is missing');
  if (charges !== undefined) payment.charges = charges;
  if (tx.child('InstdAmt')) payment.instructedAmount = readMoney(tx, 'InstdAmt');
  const rate = tx.text('XchgRate');
  if (rate !== undefined) payment.exchangeRate = rate;
  const sender = agentBic(tx.child('InstgAgt')) ?? group.instructing;
  const receiver = agentBic(tx.child('InstdAgt')) ?? group.instructed;
  if (sender !== undefined) payment.senderBic = sender;
  if (receiver !== undefined) payment.receiverBic = receiver;
  const purpose = tx.child('Purp')?.text('Cd');
  if (purpose !== undefined) payment.purpose = purpose;
  const remittance = tx.child('RmtInf');
  if (remittance) {
    const lines = remittance.list('Ustrd').map((u) => u.value());
    for (const structured of remittance.list('Strd')) {
      const ref = structured.child('CdtrRefInf')?.text('Ref');
      if (ref !== undefined) lines.push(ref);
    }
    if (lines.length > 0) payment.remittance = lines.join('\n');
  }
  const info = tx.list('InstrForNxtAgt').map((i) => i.text('InstrInf') ?? '');
  if (info.length > 0) payment.senderToReceiver = info.join('\n');
}
