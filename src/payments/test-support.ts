import { readFileSync } from 'node:fs';
import { type ParseResult, parsePayments } from './parse-payments.ts';

/** Reads a file shipped in data/payments/ (tests only). */
export function dataFile(name: string): string {
  return readFileSync(new URL(`../../data/payments/${name}`, import.meta.url), 'utf8');
}

export async function parseAll(input: string | AsyncIterable<string>): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for await (const result of parsePayments(input)) out.push(result);
  return out;
}
