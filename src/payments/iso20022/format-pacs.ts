import type { Account, Agent, Party, Payment } from '../types.ts';

const VERSION = '08';

function lines(text: string | undefined): string[] {
  return text === undefined ? [] : text.split('\n');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function el(name: string, body: string | undefined): string {
  return body === undefined ? '' : `<${name}>${body}</${name}>`;
}

function txt(name: string, value: string | undefined): string {
  return value === undefined ? '' : el(name, esc(value));
}

function agent(name: string, bic: string | undefined): string {
  return bic === undefined ? '' : el(name, el('FinInstnId', txt('BICFI', bic)));
}

function account(name: string, acct: Account | undefined): string {
  if (!acct) return '';
  const id = acct.kind === 'iban' ? txt('IBAN', acct.value) : el('Othr', txt('Id', acct.value));
  return el(name, el('Id', id));
}

function party(name: string, who: Party): string {
  const address =
    who.addressLines.length > 0 || who.country !== undefined
      ? el('PstlAdr', txt('Ctry', who.country) + who.addressLines.map((l) => txt('AdrLine', l)).join(''))
      : '';
  const id =
    who.isPerson === true
      ? el('Id', el('PrvtId', el('Othr', txt('Id', who.identifier ?? 'UNKNOWN'))))
      : who.isPerson === false
        ? el(
            'Id',
            el(
              'OrgId',
              who.bic ? txt('AnyBIC', who.bic) : el('Othr', txt('Id', who.identifier ?? 'UNKNOWN')),
            ),
          )
        : '';
  return el(name, txt('Nm', who.name) + address + id);
}

function intermediary(a: Agent, n: number): string {
  const fin =
    txt('BICFI', a.bic) + (a.clearing ? el('ClrSysMmbId', txt('MmbId', a.clearing)) : '') + txt('Nm', a.name);
  const acct =
    a.account === undefined ? '' : account(`IntrmyAgt${n}Acct`, { kind: 'other', value: a.account });
  return el(`IntrmyAgt${n}`, el('FinInstnId', fin)) + acct;
}

/** Writes a payment as a pacs.008.001.08 document with one credit transfer transaction. */
export function formatPacs008(p: Payment, messageId = p.reference): string {
  const header =
    txt('MsgId', messageId) +
    txt('CreDtTm', p.createdAt ?? `${p.valueDate}T00:00:00`) +
    txt('NbOfTxs', '1') +
    el('SttlmInf', txt('SttlmMtd', 'INDA'));
  const tx =
    el(
      'PmtId',
      txt('InstrId', p.reference) + txt('EndToEndId', p.endToEndId ?? p.reference) + txt('UETR', p.uetr),
    ) +
    `<IntrBkSttlmAmt Ccy="${p.amount.currency}">${p.amount.value}</IntrBkSttlmAmt>` +
    txt('IntrBkSttlmDt', p.valueDate) +
    (p.instructedAmount
      ? `<InstdAmt Ccy="${p.instructedAmount.currency}">${p.instructedAmount.value}</InstdAmt>`
      : '') +
    txt('XchgRate', p.exchangeRate) +
    txt('ChrgBr', p.charges ?? 'SHAR') +
    agent('InstgAgt', p.senderBic) +
    agent('InstdAgt', p.receiverBic) +
    p.intermediaries.map((a, i) => intermediary(a, i + 1)).join('') +
    party('Dbtr', p.debtor) +
    account('DbtrAcct', p.debtor.account) +
    agent('DbtrAgt', p.debtorAgent) +
    agent('CdtrAgt', p.creditorAgent) +
    party('Cdtr', p.creditor) +
    account('CdtrAcct', p.creditor.account) +
    lines(p.senderToReceiver)
      .map((l) => el('InstrForNxtAgt', txt('InstrInf', l)))
      .join('') +
    (p.purpose ? el('Purp', txt('Cd', p.purpose)) : '') +
    (p.remittance
      ? el(
          'RmtInf',
          lines(p.remittance)
            .map((l) => txt('Ustrd', l))
            .join(''),
        )
      : '');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.${VERSION}">` +
    `<FIToFICstmrCdtTrf>${el('GrpHdr', header)}${el('CdtTrfTxInf', tx)}</FIToFICstmrCdtTrf></Document>\n`
  );
}
