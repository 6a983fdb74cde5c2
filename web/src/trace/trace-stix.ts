/**
 * The investigation graph as a STIX 2.1 bundle: each address a `cryptocurrency-wallet` SCO (its id
 * derived from the value alone, as the hub and OpenCTI derive it, so the export merges with what a
 * hub already holds), each edge a relationship carrying the traced value and the transfers as x_
 * properties (with start_time/stop_time), and a note with the where-it-ended-up summary. The SCOs
 * stay bare: the observed values belong to this investigation, not to the address.
 */
import canonicalize from 'canonicalize';
import { v4, v5 } from 'uuid';
import { formatAmount, formatTime } from './amounts.ts';
import { destinationTotals, type FlowEdge, type FlowModel, type FlowNode, summaryOf } from './flow-model.ts';

const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

export const TLP_MARKING_IDS = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const;
export type ExportTlp = keyof typeof TLP_MARKING_IDS;

type Json = Record<string, unknown>;

function scoId(type: string, contributing: Json): string {
  return `${type}--${v5(canonicalize(contributing) ?? '', SCO_NAMESPACE)}`;
}

function sco(n: FlowNode, chain: string | undefined): Json {
  if (n.kind === 'transaction') {
    const c = { chain: chain ?? 'bitcoin', value: n.id };
    return {
      type: 'cryptocurrency-transaction',
      spec_version: '2.1',
      id: scoId('cryptocurrency-transaction', c),
      ...c,
    };
  }
  return {
    type: 'cryptocurrency-wallet',
    spec_version: '2.1',
    id: scoId('cryptocurrency-wallet', { value: n.id }),
    value: n.id,
  };
}

const iso = (unix: number) => new Date(unix * 1000).toISOString();

function relationship(e: FlowEdge, ids: Map<string, string>, common: Json, model: string): Json {
  const amount = formatAmount(e.taint.toString(), e.asset);
  const stop = e.last > e.first ? e.last : e.first + 1;
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${v4()}`,
    ...common,
    relationship_type: 'x-bulwark-transferred-to',
    source_ref: ids.get(e.from),
    target_ref: ids.get(e.to),
    description: `${amount} traced (${model}) in ${e.transfers.length} transfer${e.transfers.length === 1 ? '' : 's'}, first ${formatTime(e.first)}`,
    start_time: iso(e.first),
    // stop_time must be later than start_time: a single transfer spans one second.
    stop_time: iso(stop),
    x_bulwark_asset: e.asset,
    x_bulwark_traced_value: e.taint.toString(),
    x_bulwark_transferred_value: e.value.toString(),
    x_bulwark_transfers: e.transfers.map((t) => ({
      tx: t.tx,
      time: iso(t.time),
      value: t.value,
      traced_value: t.taint,
    })),
  };
}

function summaryText(model: FlowModel): string {
  const r = model.result;
  const lines = [
    `${r.model} trace ${r.direction ?? 'forward'} from ${r.seeds.join(', ')}.`,
    'Where it ended up:',
  ];
  for (const t of destinationTotals(summaryOf(r)))
    lines.push(`- ${t.bucket}: ${formatAmount(t.value.toString(), t.asset)}`);
  return lines.join('\n');
}

export interface ExportOptions {
  tlp: ExportTlp;
  /** The exporting organisation's identity id (GET /me), as created_by_ref. */
  author?: string;
  now?: Date;
}

export function traceBundle(
  model: FlowModel,
  shown: { nodes: FlowNode[]; edges: FlowEdge[] },
  o: ExportOptions,
): Json {
  const now = (o.now ?? new Date()).toISOString();
  const marking = { object_marking_refs: [TLP_MARKING_IDS[o.tlp]] };
  const common = {
    created: now,
    modified: now,
    ...(o.author ? { created_by_ref: o.author } : {}),
    ...marking,
  };
  const ids = new Map<string, string>();
  const scos: Json[] = shown.nodes.map((n) => {
    const s = sco(n, model.result.chain);
    ids.set(n.id, String(s.id));
    return { ...s, ...marking };
  });
  const relationships = shown.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .map((e) => relationship(e, ids, common, model.result.model));
  const r = model.result;
  const note = {
    type: 'note',
    spec_version: '2.1',
    id: `note--${v4()}`,
    ...common,
    abstract: `Fund flow from ${r.seeds.join(', ')}: where it ended up`,
    content: summaryText(model),
    object_refs: [...scos.map((s) => String(s.id)), ...relationships.map((x) => String(x.id))],
    x_bulwark_trace: {
      model: r.model,
      direction: r.direction ?? 'forward',
      seeds: r.seeds,
      summary: summaryOf(r).map((d) => ({
        category: d.category,
        name: d.name,
        asset: d.asset,
        value: d.value,
        addresses: d.addresses,
      })),
    },
  };
  return { type: 'bundle', id: `bundle--${v4()}`, objects: [...scos, ...relationships, note] };
}
