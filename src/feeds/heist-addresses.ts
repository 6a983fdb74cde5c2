import { BulwarkError } from '../errors/index.ts';
import { chainForHeistCode, knownHeistChains, normaliseAddress } from './chains.ts';
import { csvRows } from './csv.ts';
import { normaliseTerm } from './group-terms.ts';
import { HEIST_ATTRIBUTIONS, LABEL_CONFLICTS } from './heist-knowledge.ts';
import {
  countInto,
  HEIST_AUTHOR,
  relationship,
  sdo,
  type Versioned,
  wallet,
  walletPattern,
} from './objects.ts';
import { reconcile } from './reconcile.ts';
import type { ConvertOptions, FeedReport, StixObject } from './types.ts';

const HEADER = [
  'chain',
  'address',
  'incident',
  'incident_date',
  'role',
  'attribution_source',
  'source_url',
] as const;
const FEED = 'dprk-heists';
const ADDRESS = /^[A-Za-z0-9]{20,128}$/;
const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

export interface HeistRow {
  line: number;
  chain: string;
  address: string;
  incident: string;
  date: string;
  role: string;
  attributionSource: string;
  url: string;
  victim: boolean;
}

export interface HeistOptions extends ConvertOptions {
  asOf: string;
}

/**
 * Publicly attributed heist addresses. Each heist is a `campaign` attributed to its group. An attacker
 * address becomes wallet + indicator (`indicates` the campaign). A victim address (role VICTIM…)
 * becomes a wallet and a `note` labelled `victim`, never an indicator, even if another row lists it.
 * The two addresses other sources label differently keep their indicator at lower confidence, with a
 * `note` labelled `label-conflict` that states both labels.
 */
export function* convertHeistAddresses(text: string, options: HeistOptions): Generator<StixObject> {
  const rows = parseHeistRows(text, options.source ?? 'heist list');
  const fresh = heistObjects(rows, options.asOf, options.report);
  for (const object of reconcile(fresh, options.previous, FEED, options.asOf, options.report)) {
    countInto(options.report?.counts, object);
    yield object;
  }
}

export function parseHeistRows(text: string, source: string): HeistRow[] {
  const rows: HeistRow[] = [];
  for (const { line, row } of csvRows(text, source, HEADER)) {
    const chain = chainForHeistCode(row.chain!);
    if (!chain) {
      throw new BulwarkError('FEED_FORMAT', `Unknown chain "${row.chain}"`, {
        source,
        line,
        hint: `Use one of ${knownHeistChains().join(', ')}`,
      });
    }
    const date = DATE.exec(row.incident_date!);
    if (!ADDRESS.test(row.address!) || row.incident === '' || !date) {
      throw new BulwarkError('FEED_FORMAT', 'Row needs an address, an incident and a date (YYYY-MM[-DD])', {
        source,
        line,
        hint: HEADER.join(','),
      });
    }
    rows.push({
      line,
      chain,
      address: normaliseAddress(row.address!),
      incident: row.incident!,
      date: `${date[1]}-${date[2]}-${date[3] ?? '01'}T00:00:00.000Z`,
      role: row.role!,
      attributionSource: row.attribution_source!,
      url: row.source_url!,
      victim: /^victim/i.test(row.role!),
    });
  }
  return rows;
}

function* heistObjects(rows: HeistRow[], asOf: string, report?: FeedReport): Generator<StixObject> {
  const v: Versioned = { author: HEIST_AUTHOR, at: asOf, feed: FEED };
  yield HEIST_AUTHOR;
  const campaigns = new Map<string, StixObject>();
  for (const row of [...rows].sort((a, b) => a.date.localeCompare(b.date))) {
    if (campaigns.has(normaliseTerm(row.incident))) continue;
    const campaign = heistCampaign(row, v);
    campaigns.set(normaliseTerm(row.incident), campaign);
    yield campaign;
    yield* attributions(row.incident, campaign.id, v, report);
  }
  const victims = new Set(rows.filter((r) => r.victim).map((r) => `${r.chain}|${r.address}`));
  const done = new Set<string>();
  for (const row of rows) {
    const key = `${row.chain}|${row.address}`;
    const campaign = campaigns.get(normaliseTerm(row.incident))!;
    if (!row.victim && victims.has(key)) {
      report?.skipped.push({
        entry: `line ${row.line}`,
        reason: 'address is a victim elsewhere in the list',
      });
      continue;
    }
    if (done.has(key)) continue;
    done.add(key);
    yield* row.victim ? victimObjects(row, campaign.id, v) : attackerObjects(row, campaign.id, v);
  }
}

function heistCampaign(row: HeistRow, v: Versioned): StixObject {
  return sdo('campaign', `dprk-heist|${normaliseTerm(row.incident)}`, v, {
    name: `${row.incident} heist`,
    description: `Theft of cryptocurrency from ${row.incident}, publicly attributed to North Korea.`,
    first_seen: row.date,
    objective: 'Theft and laundering of cryptocurrency',
  });
}

function* attributions(incident: string, campaign: string, v: Versioned, report?: FeedReport) {
  const attribution = HEIST_ATTRIBUTIONS[normaliseTerm(incident)];
  if (!attribution) {
    report?.warnings.push(`no attribution known for incident "${incident}": its campaign stands alone`);
    return;
  }
  for (const group of attribution.groups) {
    const r = relationship(v, campaign, 'attributed-to', group, attribution.says);
    yield { ...r, external_references: [{ source_name: 'attribution', url: attribution.url }] };
  }
}

function victimObjects(row: HeistRow, campaign: string, v: Versioned): StixObject[] {
  const sco = wallet(row.address, row.chain);
  const note = sdo('note', `dprk-heist|victim|${row.chain}|${row.address}`, v, {
    abstract: `Victim address of the ${row.incident} heist: never flag as attacker`,
    content: `${row.role}. This address belongs to the victim of the ${row.incident} heist (source: ${row.attributionSource}); it is not an attacker address.`,
    object_refs: [sco.id, campaign],
    labels: ['victim'],
  });
  return [sco, note];
}

function attackerObjects(row: HeistRow, campaign: string, v: Versioned): StixObject[] {
  const sco = wallet(row.address, row.chain);
  const conflict = LABEL_CONFLICTS[row.address];
  const official = /\b(FBI|OFAC)\b/.test(row.attributionSource);
  const indicator = sdo('indicator', `dprk-heist|${row.chain}|${row.address}`, v, {
    name: `${row.incident} heist address (${row.role})`,
    description: `Address (${row.chain}) used by the attackers of the ${row.incident} heist: ${row.role}. Source: ${row.attributionSource}.`,
    indicator_types: ['malicious-activity', 'attribution'],
    pattern: walletPattern(row.address),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: row.date,
    // FBI or OFAC named the address: high; third-party analysis only: medium; sources disagree: lower.
    confidence: conflict ? 50 : official ? 85 : 70,
    ...(row.url ? { external_references: [{ source_name: row.attributionSource, url: row.url }] } : {}),
  });
  const out = [
    sco,
    indicator,
    relationship(v, indicator.id, 'based-on', sco.id),
    relationship(v, indicator.id, 'indicates', campaign),
  ];
  if (conflict) {
    out.push(
      sdo('note', `dprk-heist|label-conflict|${row.chain}|${row.address}`, v, {
        abstract: `Sources disagree on ${row.address}`,
        content:
          `Labelled "${row.role}" by ${row.attributionSource} but "${conflict.otherLabel}" by ` +
          `${conflict.otherSources}. Both agree the ${row.incident} attackers used it; they disagree on who ` +
          'controls it (an exchange deposit address credits the attacker’s account at that exchange).',
        object_refs: [sco.id, indicator.id],
        labels: ['label-conflict'],
      }),
    );
  }
  return out;
}
