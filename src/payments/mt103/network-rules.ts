import { malformed } from '../malformed.ts';
import type { Payment } from '../types.ts';
import type { MtField } from './block4.ts';
import { fieldError } from './field-formats.ts';
import type { FieldIndex } from './field-index.ts';

const SPRI_INSTRUCTIONS = new Set(['SDVA', 'TELB', 'PHOB', 'INTC']);

/**
 * The MT103 network-validated rules that tie fields together (SWIFT Standards MT, MT103): exchange
 * rate with differing currencies (C1), instruction codes allowed by the bank operation code (C3),
 * charges fields allowed by the charges code (E13, E15, and 71G only with OUR).
 */
export function checkNetworkRules(index: FieldIndex, payment: Payment, source?: string): void {
  const f33 = index.one('33B');
  const f36 = index.one('36');
  const differ =
    payment.instructedAmount !== undefined && payment.instructedAmount.currency !== payment.amount.currency;
  if (differ && !f36) {
    throw malformed(':36:', 'is mandatory when :33B: and :32A: currencies differ', {
      line: f33?.line,
      source,
    });
  }
  if (!differ && f36)
    throw fieldError(f36, 'is only allowed when :33B: has another currency than :32A:', undefined, source);
  const instructions = index.all('23E');
  const operation = payment.bankOperationCode;
  for (let i = 0; i < instructions.length; i++) {
    const field = instructions[i] as MtField;
    const code = field.lines[0]?.slice(0, 4) ?? '';
    if (operation === 'SSTD' || operation === 'SPAY') {
      throw fieldError(field, `is not allowed when :23B: is ${operation}`, undefined, source);
    }
    if (operation === 'SPRI' && !SPRI_INSTRUCTIONS.has(code)) {
      throw fieldError(
        field,
        `${code} is not allowed with SPRI (only SDVA, TELB, PHOB, INTC)`,
        undefined,
        source,
      );
    }
  }
  const senderCharges = index.all('71F');
  const receiverCharges = index.one('71G');
  if (payment.charges === 'OUR' && senderCharges[0]) {
    throw fieldError(senderCharges[0], 'is not allowed when :71A: is OUR', undefined, source);
  }
  if (payment.charges === 'BEN' && senderCharges.length === 0) {
    throw malformed(':71F:', 'at least one is mandatory when :71A: is BEN', {
      line: index.one('71A')?.line,
      source,
    });
  }
  if (payment.charges !== 'OUR' && receiverCharges) {
    throw fieldError(
      receiverCharges,
      `is only allowed when :71A: is OUR, not ${payment.charges}`,
      undefined,
      source,
    );
  }
}
