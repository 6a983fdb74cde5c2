import type { Agent, Money, Party, Payment } from '../types.ts';

/** 12-character logical-terminal address of a BIC (terminal code A). */
function terminal(bic: string): string {
  return `${bic.slice(0, 8)}A${bic.length === 11 ? bic.slice(8) : 'XXX'}`;
}

function yymmdd(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

function swiftAmount(money: Money): string {
  return `${money.currency}${money.value.includes('.') ? money.value.replace('.', ',') : `${money.value},`}`;
}

/**
 * Writes a payment as a FIN MT103. With `createdAt` it is written as the receiver sees it (output
 * header carrying the sender's input time); without, as the sender submits it (input header).
 */
export function formatMt103(payment: Payment): string {
  const sender = payment.senderBic ?? 'BANKUS33XXX';
  const receiver = payment.receiverBic ?? 'BANKGB22XXX';
  const headers = payment.createdAt
    ? `{1:F01${terminal(receiver)}0000000000}{2:O103${payment.createdAt.slice(11, 13)}${payment.createdAt.slice(14, 16)}` +
      `${yymmdd(payment.createdAt)}${terminal(sender)}0000000000${yymmdd(payment.createdAt)}${payment.createdAt.slice(11, 13)}${payment.createdAt.slice(14, 16)}N}`
    : `{1:F01${terminal(sender)}0000000000}{2:I103${terminal(receiver)}N}`;
  const block3 = payment.uetr ? `{3:{121:${payment.uetr}}}` : '';
  return `${headers}${block3}{4:\n${fields(payment).join('\n')}\n-}`;
}

function fields(p: Payment): string[] {
  const out = [`:20:${p.reference}`, `:23B:${p.bankOperationCode ?? 'CRED'}`];
  if (p.purpose) out.push(`:26T:${p.purpose}`);
  out.push(`:32A:${yymmdd(p.valueDate)}${swiftAmount(p.amount)}`);
  if (p.instructedAmount) out.push(`:33B:${swiftAmount(p.instructedAmount)}`);
  if (p.exchangeRate) out.push(`:36:${p.exchangeRate.replace('.', ',')}`);
  out.push(party('50', p.debtor));
  for (const agent of p.intermediaries.filter((a) => a.role === 'sending-institution'))
    out.push(agentField('51', agent));
  if (p.debtorAgent) out.push(`:52A:${p.debtorAgent}`);
  const groups: Array<[string, string]> = [
    ['52', 'ordering-institution'],
    ['53', 'senders-correspondent'],
    ['54', 'receivers-correspondent'],
    ['55', 'third-reimbursement'],
    ['56', 'intermediary'],
    ['57', 'account-with'],
  ];
  for (const [tag, role] of groups) {
    for (const agent of p.intermediaries.filter((a) => a.role === role)) out.push(agentField(tag, agent));
  }
  if (p.creditorAgent) out.push(`:57A:${p.creditorAgent}`);
  out.push(party('59', p.creditor));
  if (p.remittance) out.push(`:70:${p.remittance}`);
  out.push(`:71A:${p.charges ?? 'SHA'}`);
  // BEN requires a sender's-charges field; the payment does not carry charge amounts, so state zero
  if (p.charges === 'BEN') out.push(`:71F:${p.amount.currency}0,`);
  if (p.senderToReceiver) out.push(`:72:${p.senderToReceiver}`);
  return out;
}

function party(tag: '50' | '59', who: Party): string {
  const account = who.account ? `/${who.account.value}\n` : '';
  if (who.bic && who.name === undefined) return `:${tag}A:${account}${who.bic}`;
  if (who.country !== undefined && who.addressLines.length > 0) {
    const lines = [`1/${who.name ?? ''}`];
    for (const line of who.addressLines.slice(0, -1)) lines.push(`2/${line}`);
    lines.push(`3/${who.country}/${who.addressLines[who.addressLines.length - 1]}`);
    const id = who.account ? `/${who.account.value}` : (who.identifier ?? '');
    return `:${tag}F:${id}\n${lines.join('\n')}`;
  }
  return `:${tag}${tag === '50' ? 'K' : ''}:${account}${[who.name ?? '', ...who.addressLines].join('\n')}`;
}

function agentField(tag: string, agent: Agent): string {
  const account = agent.account === undefined ? '' : `/${agent.account}`;
  if (agent.bic) return `:${tag}A:${account ? `${account}\n` : ''}${agent.bic}`;
  if (agent.clearing !== undefined) return `:${tag}C:/${agent.clearing}`;
  if (agent.name === undefined) return `:${tag}B:${account}`;
  return `:${tag}D:${account ? `${account}\n` : ''}${agent.name}`;
}
