import { evtxData, evtxOf, isObject, systemField, textOf } from './event-shape.ts';
import type { Logsource, SigmaEvent } from './types.ts';
import { PARENT_CATEGORY, windowsLogsource } from './windows-logsource.ts';

/**
 * The Sigma log source of an event, derived from its shape: Windows events (evtx JSON with
 * `Event.System`, flat exports with `EventID` + `Channel`, Winlogbeat `winlog.*`) and Zeek logs (`_path`).
 * Unknown shapes give `{}`, which every rule's log source accepts.
 */
export function logsourceOf(event: SigmaEvent): Logsource {
  const evtx = evtxOf(event);
  if (evtx !== undefined) {
    const system = evtx.System as Readonly<Record<string, unknown>>;
    const data = evtxData(evtx);
    return windows(systemField(system, 'Channel'), systemField(system, 'EventID'), data?.EventType);
  }
  if (event.EventID !== undefined && typeof event.Channel === 'string') {
    return windows(event.Channel, event.EventID, event.EventType);
  }
  const winlog = event.winlog;
  if (isObject(winlog) && typeof winlog.channel === 'string') {
    const data = isObject(winlog.event_data) ? winlog.event_data : {};
    return windows(winlog.channel, winlog.event_id, data.EventType);
  }
  if (typeof event._path === 'string') return { product: 'zeek', service: event._path, complete: true };
  return {};
}

function windows(channel: unknown, eventId: unknown, eventType: unknown): Logsource {
  const id = Number(textOf(eventId));
  if (typeof channel !== 'string') return { product: 'windows' };
  return windowsLogsource(channel, Number.isFinite(id) ? id : -1, eventType);
}

/**
 * Whether a rule written for `rule` may see an event from `event`. A part the event does not state
 * is not held against the rule (the caller knows less, so the detection logic decides), unless the
 * event's log source is `complete`.
 */
export function logsourceAccepts(rule: Logsource, event: Logsource): boolean {
  if (rule.product !== undefined && event.product !== undefined && rule.product !== event.product)
    return false;
  if (rule.service !== undefined && event.service !== undefined && rule.service !== event.service)
    return false;
  if (rule.category !== undefined && event.category !== undefined) {
    return rule.category === event.category || PARENT_CATEGORY[event.category] === rule.category;
  }
  return rule.category === undefined || event.complete !== true;
}

export function logsourceKey(ls: Logsource): string {
  return `${ls.product ?? ''}|${ls.category ?? ''}|${ls.service ?? ''}|${ls.complete === true}`;
}
