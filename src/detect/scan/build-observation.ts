import { normaliseIpv6 } from '../../stix/index.ts';
import type { Observation } from '../pattern/observation.ts';
import type { Target } from './targets.ts';

type Sco = Record<string, unknown> & { type: string };

/**
 * The STIX observation of one event from its mapped (target, value) pairs: one SCO per distinct value
 * of `value`-keyed types (addresses, domains, URLs, e-mail addresses, wallets), one object per type for
 * the rest (a file's name and hashes together), and a network-traffic object whose `src_ref` /
 * `dst_ref` name the addresses. Objects are keyed "0", "1", … as observed-data numbers them.
 */
export function buildObservation(
  time: number,
  targets: readonly Target[],
  values: readonly (string | number)[],
  count: number,
): Observation {
  const objects: Record<string, Sco> = {};
  const byValue = new Map<string, string>();
  const byType = new Map<string, Sco>();
  let next = 0;
  const add = (sco: Sco): string => {
    const key = String(next++);
    objects[key] = sco;
    return key;
  };
  const valued = (type: string, value: string): string => {
    const id = `${type}\u0000${value}`;
    let key = byValue.get(id);
    if (key === undefined) {
      key = add({ type, value });
      byValue.set(id, key);
    }
    return key;
  };
  const single = (type: string): Sco => {
    let sco = byType.get(type);
    if (sco === undefined) {
      sco = { type };
      byType.set(type, sco);
    }
    return sco;
  };
  for (let i = 0; i < count; i++) {
    const t = targets[i]!;
    const value = values[i]!;
    if (t.kind === 'ip') {
      if (typeof value !== 'string') continue;
      const v6 = value.includes(':');
      const key = valued(v6 ? 'ipv6-addr' : 'ipv4-addr', v6 ? normaliseIpv6(value) : value);
      if (t.role !== undefined) {
        const traffic = single('network-traffic');
        if (traffic[`${t.role}_ref`] === undefined) traffic[`${t.role}_ref`] = key;
      }
    } else if (t.kind === 'path') setProperty(t, value, valued, single);
  }
  for (const [type, sco] of byType) {
    if (type === 'network-traffic' && !finishTraffic(sco, objects)) continue;
    add(sco);
  }
  return { time, objects };
}

function setProperty(
  t: Extract<Target, { kind: 'path' }>,
  value: string | number,
  valued: (type: string, value: string) => string,
  single: (type: string) => Sco,
): void {
  if (t.property === 'value' && t.hash === undefined) {
    if (typeof value === 'string') valued(t.type, value);
    return;
  }
  const sco = single(t.type);
  if (t.hash !== undefined) {
    sco.hashes ??= {};
    const hashes = sco.hashes as Record<string, string>;
    if (typeof value === 'string' && hashes[t.hash] === undefined) hashes[t.hash] = value.toLowerCase();
    return;
  }
  if (t.property === 'protocols') {
    if (sco.protocols === undefined) sco.protocols = [String(value).toLowerCase()];
    return;
  }
  if (sco[t.property] !== undefined) return;
  if (t.property.endsWith('_port')) {
    const port = typeof value === 'number' ? value : Number(value);
    if (Number.isInteger(port) && port >= 0 && port <= 65535) sco[t.property] = port;
  } else sco[t.property] = value;
}

/** STIX network-traffic needs an address ref and protocols: without an address it is dropped. */
function finishTraffic(sco: Sco, objects: Record<string, Sco>): boolean {
  if (sco.src_ref === undefined && sco.dst_ref === undefined) return false;
  if (sco.protocols === undefined) {
    const ref = (sco.dst_ref ?? sco.src_ref) as string;
    sco.protocols = [objects[ref]!.type === 'ipv6-addr' ? 'ipv6' : 'ipv4'];
  }
  return true;
}

/**
 * Every (object type, top-level property) a field with target `t` can put into `buildObservation`'s
 * objects, as `type:property` (`type` itself included: each object the field makes has it). It must
 * follow `buildObservation` and `setProperty` above: the byte prefilter lets a line through on the
 * keys of the fields that produce what a pattern reads (see presence-fields.ts), so a property made
 * here and not listed would let it clear a line that can match.
 */
export function producedProperties(t: Target): string[] {
  if (t.kind === 'ip') {
    const out = ['ipv4-addr:type', 'ipv4-addr:value', 'ipv6-addr:type', 'ipv6-addr:value'];
    // the traffic object a role makes: its ref, and the protocols finishTraffic derives from it
    if (t.role !== undefined)
      out.push('network-traffic:type', `network-traffic:${t.role}_ref`, 'network-traffic:protocols');
    return out;
  }
  if (t.kind === 'hash-list') return ['file:type', 'file:hashes'];
  return [`${t.type}:type`, `${t.type}:${t.hash !== undefined ? 'hashes' : t.property}`];
}
