import type { BulwarkError } from '../../errors/index.ts';
import { malformed } from '../malformed.ts';

/** An element as xml-tree.ts builds it: children by name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { readonly [name: string]: unknown };

/** Reads one ISO 20022 element tree, naming each fault by its path (`CdtTrfTxInf[0].IntrBkSttlmAmt`). */
export class XmlReader {
  readonly path: string;
  readonly node: XmlNode;
  readonly line: number;
  readonly source: string | undefined;

  constructor(node: XmlNode, path: string, line: number, source?: string) {
    this.node = node;
    this.path = path;
    this.line = line;
    this.source = source;
  }

  at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  fail(name: string, reason: string, hint?: string): BulwarkError {
    return malformed(this.at(name), reason, { line: this.line, source: this.source }, hint);
  }

  child(name: string): XmlReader | undefined {
    const value = this.node[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) throw this.fail(name, 'appears more than once');
    if (typeof value !== 'object' || value === null)
      return new XmlReader({ '#text': value }, this.at(name), this.line, this.source);
    return new XmlReader(value as XmlNode, this.at(name), this.line, this.source);
  }

  need(name: string): XmlReader {
    const found = this.child(name);
    if (!found) throw this.fail(name, 'mandatory element is missing');
    return found;
  }

  /** Elements that may repeat, each with its index in the path. */
  list(name: string): XmlReader[] {
    const value = this.node[name];
    if (value === undefined) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, i) => {
      const node = typeof item === 'object' && item !== null ? (item as XmlNode) : { '#text': item };
      return new XmlReader(node, `${this.at(name)}[${i}]`, this.line, this.source);
    });
  }

  /** Text content of this element. */
  value(): string {
    const text = this.node['#text'];
    if (typeof text === 'string') return decodeEntities(text.trim());
    if (typeof text === 'number' || typeof text === 'boolean') return String(text);
    if (Object.keys(this.node).every((k) => k.startsWith('@_'))) return '';
    throw malformed(this.path, 'holds elements where text was expected', {
      line: this.line,
      source: this.source,
    });
  }

  text(name: string): string | undefined {
    return this.child(name)?.value();
  }

  needText(name: string, pattern?: RegExp, shape?: string): string {
    const text = this.need(name).value();
    if (text === '') throw this.fail(name, 'is empty');
    if (pattern && !pattern.test(text))
      throw this.fail(name, `${JSON.stringify(text.slice(0, 40))} is not ${shape}`);
    return text;
  }

  attribute(name: string): string | undefined {
    const value = this.node[`@_${name}`];
    return typeof value === 'string' ? value : undefined;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The parser leaves entities alone (no expansion attacks); the five predefined ones and character references are decoded here. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return safeCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? '';
  });
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}
