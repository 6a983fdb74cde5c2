import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { newId } from '../../src/stix/index.ts';

/** A deterministic, indicator-sized STIX indicator (about 600 bytes), number `n` of a set. */
export function indicator(n: number, seed = 0): Record<string, unknown> {
  const hex = (n * 2654435761 + seed).toString(16).padStart(8, '0').slice(-8);
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-8${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`,
    created: '2026-01-02T03:04:05.678Z',
    modified: '2026-01-02T03:04:05.678Z',
    name: `Lazarus staging server ${n}`,
    description:
      'Command-and-control address seen in a TraderTraitor intrusion against an exchange hot wallet.',
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${ip}'] OR [domain-name:value = 'c2-${hex}.example.net']`,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: '2026-01-02T00:00:00Z',
    labels: ['dprk', 'c2'],
    confidence: 80,
    external_references: [{ source_name: 'bulwark-test', external_id: `T-${n}` }],
  };
}

/** Writes a bundle of `count` indicators to `path` without building it in memory. */
export async function writeIndicatorBundle(path: string, count: number, seed = 0): Promise<void> {
  const out = createWriteStream(path);
  out.write('{"type":"bundle","id":"bundle--6f1c3e52-4d1b-4d0e-9a43-2a9f5c0d7e11","objects":[\n');
  for (let n = 0; n < count; n++) {
    const line = `${n ? ',\n' : ''}${JSON.stringify(indicator(n, seed))}`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end('\n]}\n');
  await once(out, 'finish');
}

/** A STIX object as tests write it: the given type and properties, a fresh id, fixed timestamps. */
export type TestObject = Record<string, unknown> & { id: string };
export const FIXED_TIME = '2026-01-01T00:00:00.000Z';
export function sdo(type: string, props: Record<string, unknown>): TestObject {
  return { type, spec_version: '2.1', id: newId(type), created: FIXED_TIME, modified: FIXED_TIME, ...props };
}

/** An indicator flagging one wallet address (what screening reads as a label), with the given id. */
export function walletFlag(id: string, value: string, name = `flag ${value}`): TestObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: FIXED_TIME,
    modified: FIXED_TIME,
    name,
    pattern: `[cryptocurrency-wallet:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: FIXED_TIME,
  };
}
