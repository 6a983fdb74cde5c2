/**
 * Data of the matcher benchmark: N indicators (IPv4, domains, SHA-256, URLs, /24 blocks) and an
 * ECS-like JSON-lines log in which about 5 % of events carry an indicator's value.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';

const HEX = '0123456789abcdef';

/** Deterministic value number `n` of each kind, so the log can name indicators without keeping them. */
export function ipOf(n: number): string {
  return `${11 + ((n >>> 24) % 200)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
export function domainOf(n: number): string {
  return `c2-${n.toString(36)}.lazarus-${n % 97}.example`;
}
export function hashOf(n: number): string {
  let out = '';
  let x = Math.imul(n + 1, 0x9e3779b1) | 1;
  for (let i = 0; i < 64; i++) {
    // xorshift32: distinct inputs give distinct digests in practice, in 32-bit integer arithmetic
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += HEX[(x >>> 4) & 15];
  }
  return out;
}
export function urlOf(n: number): string {
  return `http://dl-${n.toString(36)}.example/payload/${n}.bin`;
}
export function blockOf(n: number): string {
  return `${230 + (n % 20)}.${(n >>> 8) & 255}.${n & 255}.0/24`;
}

/** Kind of indicator `i`: 40 % IPv4, 25 % domain, 20 % SHA-256, 10 % URL, 5 % CIDR block. */
export function kindOf(i: number): 'ip' | 'domain' | 'hash' | 'url' | 'block' {
  const r = i % 20;
  return r < 8 ? 'ip' : r < 13 ? 'domain' : r < 17 ? 'hash' : r < 19 ? 'url' : 'block';
}

export function indicatorValue(i: number): string {
  switch (kindOf(i)) {
    case 'ip':
      return ipOf(i);
    case 'domain':
      return domainOf(i);
    case 'hash':
      return hashOf(i);
    case 'url':
      return urlOf(i);
    case 'block':
      return blockOf(i);
  }
}

export function patternOf(i: number): string {
  const v = indicatorValue(i);
  switch (kindOf(i)) {
    case 'ip':
      return `[ipv4-addr:value = '${v}']`;
    case 'domain':
      return `[domain-name:value = '${v}']`;
    case 'hash':
      return `[file:hashes.'SHA-256' = '${v}']`;
    case 'url':
      return `[url:value = '${v}']`;
    case 'block':
      return `[ipv4-addr:value ISSUBSET '${v}']`;
  }
}

async function writeLines(file: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

/** The exact values, one per line, for `grep -F -f` (blocks are left out: grep cannot do CIDR). */
export async function writePatterns(file: string, count: number): Promise<void> {
  if (existsSync(file)) return;
  const exact: number[] = [];
  for (let i = 0; i < count; i++) if (kindOf(i) !== 'block') exact.push(i);
  await writeLines(file, exact.length, (k) => indicatorValue(exact[k]!));
}

/** ECS-like events; every 20th carries an indicator value (a hit), the rest values no indicator has. */
export async function writeLog(file: string, events: number, indicators: number): Promise<void> {
  if (existsSync(file)) return;
  await writeLines(file, events, (e) => {
    const time = new Date(Date.UTC(2026, 0, 1) + e * 10).toISOString();
    const hit = e % 20 === 7;
    const i = hit ? (e * 7919) % indicators : 0;
    const miss = 0x7f000000 + e;
    const kind = hit ? kindOf(i) : (['ip', 'domain', 'hash', 'url'] as const)[e % 4]!;
    const base = `{"@timestamp":"${time}","event":{"kind":"event","category":["network"]},"host":{"name":"ws-${e % 500}"},"source":{"ip":"10.${(e >> 8) & 255}.${e & 255}.9","port":${1024 + (e % 60000)}}`;
    const ip =
      hit && kind === 'block'
        ? indicatorValue(i).replace('.0/24', `.${e % 250}`)
        : ipOf(hit && kind === 'ip' ? i : miss);
    const domain = hit && kind === 'domain' ? domainOf(i) : domainOf(miss);
    switch (kind) {
      case 'ip':
      case 'block':
        return `${base},"destination":{"ip":"${ip}","port":443},"network":{"transport":"tcp"}}`;
      case 'domain':
        return `${base},"dns":{"question":{"name":"${domain}"}},"destination":{"ip":"10.0.0.53","port":53}}`;
      case 'hash':
        return `${base},"file":{"name":"x${e}.exe","hash":{"sha256":"${hashOf(hit ? i : miss)}"}}}`;
      case 'url':
        return `${base},"url":{"full":"${urlOf(hit ? i : miss)}"},"destination":{"ip":"10.0.0.80","port":80}}`;
    }
  });
}
