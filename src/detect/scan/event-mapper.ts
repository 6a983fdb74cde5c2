import { canonicalHashName, type IndicatorMatcher } from '../matcher/index.ts';
import type { Observation } from '../pattern/observation.ts';
import { buildObservation } from './build-observation.ts';
import { type CompiledFormat, compileFormat, hashId } from './compiled-format.ts';
import type { Mapping } from './mapping.ts';
import { parseTime } from './parse-time.ts';
import type { Target } from './targets.ts';

/**
 * Maps one parsed log event onto the matcher: picks the event's format, offers each mapped value under
 * its STIX path, and keeps the (target, value) pairs in reused arrays so the observation is built only
 * when the matcher asks for it.
 */
export class EventMapper {
  readonly formats: readonly CompiledFormat[];
  /** The format of the last event mapped. */
  format: CompiledFormat | undefined;
  readonly targets: Target[] = [];
  readonly values: (string | number)[] = [];
  count = 0;
  private current: CompiledFormat | undefined;
  private field: Target | undefined;
  private fieldIds: Int32Array = new Int32Array(0);
  private readonly onValue = (value: string | number): void => this.take(value);
  private event: object | undefined;
  private parsedTime = Number.NaN;
  private timeKnown = false;
  private readonly onTime = (value: string | number): void => {
    if (Number.isNaN(this.parsedTime)) this.parsedTime = parseTime(value);
  };
  private readonly build = (): Observation =>
    buildObservation(this.time, this.targets, this.values, this.count);

  private readonly matcher: IndicatorMatcher;

  constructor(mapping: Mapping, matcher: IndicatorMatcher) {
    this.matcher = matcher;
    this.formats = mapping.formats.map((f) => compileFormat(f, matcher));
  }

  /** Maps and matches one event; the matcher's hits are then in `matcher.hits`. False when no format takes it. */
  match(event: object): boolean {
    const format = this.pick(event);
    this.format = format;
    this.matcher.begin();
    this.count = 0;
    this.event = event;
    this.timeKnown = false;
    if (format === undefined) return false;
    this.current = format;
    for (const f of format.fields) {
      this.field = f.target;
      this.fieldIds = f.ids;
      f.get(event, this.onValue);
    }
    this.matcher.finish(this.build);
    return true;
  }

  /** The time of the last event mapped (ms; NaN when it has none), read only when asked: most events never need it. */
  get time(): number {
    if (!this.timeKnown) {
      this.timeKnown = true;
      this.parsedTime = Number.NaN;
      const times = this.current?.times ?? [];
      for (let i = 0; i < times.length && Number.isNaN(this.parsedTime); i++)
        times[i]!(this.event, this.onTime);
    }
    return this.parsedTime;
  }

  /** The observation of the last event mapped (built anew). */
  observation(): Observation {
    return this.build();
  }

  private pick(event: object): CompiledFormat | undefined {
    const formats = this.formats;
    for (let i = 0; i < formats.length; i++) if (formats[i]!.matches(event)) return formats[i];
    return undefined;
  }

  private take(raw: string | number): void {
    const target = this.field!;
    const value = target.transform !== undefined && typeof raw === 'string' ? target.transform(raw) : raw;
    if (value === '' || value === '-') return;
    if (target.kind === 'hash-list') {
      if (typeof value === 'string') this.takeHashList(value);
      return;
    }
    this.push(target, value);
    if (typeof value !== 'string') return;
    const ids = this.fieldIds;
    if (target.kind === 'path') this.matcher.offer(ids[0]!, value);
    else {
      this.matcher.offer(value.indexOf(':') < 0 ? ids[0]! : ids[1]!, value);
      this.matcher.offer(ids[2]!, value);
    }
  }

  /** Sysmon's `SHA1=…,MD5=…,SHA256=…,IMPHASH=…`. */
  private takeHashList(list: string): void {
    let from = 0;
    while (from < list.length) {
      let end = list.indexOf(',', from);
      if (end < 0) end = list.length;
      const eq = list.indexOf('=', from);
      if (eq > from && eq < end) {
        const name = list.slice(from, eq);
        const digest = list.slice(eq + 1, end);
        const id = hashId(this.current!, this.matcher, name);
        this.push(hashTarget(name), digest);
        this.matcher.offer(id, digest);
      }
      from = end + 1;
    }
  }

  private push(target: Target, value: string | number): void {
    this.targets[this.count] = target;
    this.values[this.count] = value;
    this.count++;
  }
}

const hashTargets = new Map<string, Target>();

function hashTarget(name: string): Target {
  let t = hashTargets.get(name);
  if (t === undefined) {
    const hash = canonicalHashName(name);
    // the key as pathKey writes it (quoted unless a bare name), so it meets indicators' keys
    const step = /^[A-Za-z_][A-Za-z0-9_]*$/.test(hash) ? hash : `'${hash}'`;
    t = {
      kind: 'path',
      key: `file:hashes.${step}`,
      type: 'file',
      property: 'hashes',
      hash,
      transform: undefined,
    };
    hashTargets.set(name, t);
  }
  return t;
}
