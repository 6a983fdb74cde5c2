/**
 * Where an event keeps its fields. evtx_dump-style Windows JSON nests them under
 * `Event.EventData` and `Event.System`; everything else is looked up from the top.
 */

type Obj = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The evtx `Event` wrapper, when the event has one with a `System` part. */
export function evtxOf(event: Obj): Obj | undefined {
  const e = event.Event;
  return isObject(e) && isObject(e.System) ? e : undefined;
}

/** The record in which event-specific fields live (EventData, or the only child of UserData). */
export function evtxData(evtx: Obj): Obj | undefined {
  if (isObject(evtx.EventData)) return evtx.EventData;
  if (isObject(evtx.UserData)) {
    for (const k in evtx.UserData) {
      const child = evtx.UserData[k];
      if (isObject(child)) return child;
    }
  }
  return undefined;
}

/** XML text content as evtx_dump writes it for elements that also carry attributes. */
export function textOf(v: unknown): unknown {
  if (isObject(v) && '#text' in v) return v['#text'];
  return v;
}

/** A System field by Sigma name: `Channel`, `EventID`, or `Provider_Name` for an attribute. */
export function systemField(system: Obj, name: string): unknown {
  const direct = system[name];
  if (direct !== undefined) return textOf(direct);
  const cut = name.indexOf('_');
  if (cut <= 0) return undefined;
  const element = system[name.slice(0, cut)];
  if (!isObject(element)) return undefined;
  const attrs = element['#attributes'];
  return isObject(attrs) ? attrs[name.slice(cut + 1)] : undefined;
}

/** Walks a dotted path; arrays on the way fan out into a list of values. */
export function walkPath(root: unknown, parts: readonly string[], from: number): unknown {
  let v: unknown = root;
  for (let k = from; k < parts.length; k++) {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const el of v) {
        const r = walkPath(el, parts, k);
        if (Array.isArray(r)) out.push(...r);
        else if (r !== undefined) out.push(r);
      }
      return out.length === 0 ? undefined : out;
    }
    if (!isObject(v)) return undefined;
    v = v[parts[k] as string];
  }
  return textOf(v);
}

/**
 * Sigma names event fields with spaces stripped (`Source Name` → `SourceName`); gives such a record
 * the stripped names too. Records without spaced names are returned as they are, unallocated.
 */
export function withSpacelessKeys(data: Obj | undefined): Obj | undefined {
  if (data === undefined) return undefined;
  let copy: Record<string, unknown> | undefined;
  for (const k in data) {
    if (!k.includes(' ')) continue;
    copy ??= { ...data };
    const stripped = k.replaceAll(' ', '');
    if (!(stripped in data)) copy[stripped] = data[k];
  }
  return copy ?? data;
}
