/** Literal search shared by the Sigma engine and the indicator matcher: one Aho-Corasick pass per text. */
export { LiteralScanner } from './literal-scanner.ts';
export { requiredLiteral } from './required-literal.ts';
