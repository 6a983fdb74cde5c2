/** Building log events for the scan's property tests. */

/** Sets a dotted field on an event: nested objects (as ECS exporters write) or one flat key (`flat`). */
export function setPath(event: Record<string, unknown>, path: string, v: unknown, flat: boolean): void {
  if (flat) {
    event[path] = v;
    return;
  }
  const parts = path.split('.');
  let at = event;
  for (const p of parts.slice(0, -1)) {
    if (typeof at[p] !== 'object' || at[p] === null || Array.isArray(at[p])) at[p] = {};
    at = at[p] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = v;
}
