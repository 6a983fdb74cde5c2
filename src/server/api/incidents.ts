/**
 * POST /incidents: an incident report with its indicators in one call. Every object is validated
 * before anything is written, then all go through the hub's import core in one store transaction,
 * authored by the caller's organisation and shared to the audience the request names.
 */
import { z } from 'zod';
import { BulwarkError } from '../../errors/index.ts';
import { importElements, requireOrganisation, resolveAudience, stixNow } from '../../hub/index.ts';
import { validateObject } from '../../stix/index.ts';
import { auditApi } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { type IncidentObjects, incidentObjects, VALUE_TYPES } from './incident-objects.ts';
import { Tlp } from './schemas.ts';

const Text = z.string().trim().min(1);
const ValueType = z.enum(VALUE_TYPES);

const Indicator = z
  .object({
    pattern: Text.max(8192).optional().describe('A STIX pattern; or give type and value'),
    type: ValueType.optional(),
    value: Text.max(2048).optional(),
    name: Text.max(256).optional(),
    description: z.string().max(8192).optional(),
  })
  .refine((i) => (i.pattern !== undefined) !== (i.type !== undefined && i.value !== undefined), {
    message: 'give either "pattern", or both "type" and "value"',
  });

const Body = z.object({
  name: Text.max(256),
  description: z.string().max(65536).optional(),
  tlp: Tlp,
  community: Text.optional().describe('Community name or id (GREEN/AMBER); default: the organisation’s'),
  recipient_orgs: z.array(Text).max(100).optional().describe('Organisations (AMBER+STRICT)'),
  recipient_users: z.array(Text).max(100).optional().describe('API key ids (RED)'),
  indicators: z.array(Indicator).min(1).max(10_000),
  observables: z
    .array(z.object({ type: ValueType, value: Text.max(2048) }))
    .max(10_000)
    .default([]),
});

const Response = z.object({
  report: z.string(),
  incident: z.string(),
  indicators: z.array(z.string()),
  observables: z.array(z.string()),
  relationships: z.array(z.string()),
  not_stored: z
    .array(z.object({ id: z.string(), message: z.string() }))
    .describe(
      'Observables already stored by someone else with other content (an SCO id is derived from its value)',
    ),
});

function ordered(objects: IncidentObjects): { value: Record<string, unknown>; path: string }[] {
  return [
    { value: objects.incident, path: 'body' },
    ...objects.indicators.map((value, i) => ({ value, path: `body.indicators[${i}]` })),
    ...objects.observables.map((value, i) => ({ value, path: `body.observables[${i}]` })),
    ...objects.relationships.map((value) => ({ value, path: 'body' })),
    { value: objects.report, path: 'body' },
  ];
}

function requireValid(items: { value: Record<string, unknown>; path: string }[]): void {
  for (const { value, path } of items) {
    const result = validateObject(value);
    if (result.ok) continue;
    const first = result.errors[0]!;
    const at = first.place.path ? `${path}.${first.place.path}` : path;
    throw new BulwarkError('STIX_INVALID', `${at}: ${first.message}`, {
      path: at,
      hint: 'Correct that indicator or observable; nothing was stored',
    });
  }
}

const ids = (objects: Record<string, unknown>[]): string[] => objects.map((o) => o.id as string);

export const incidentsRoute = defineRoute({
  method: 'POST',
  path: '/incidents',
  summary: 'Submit an incident report with its indicators, in one transaction',
  tag: 'incidents',
  role: 'contributor',
  status: 201,
  body: Body,
  response: Response,
  action: 'api.incident.create',
  handle: async ({ body, caller, request, ctx }) => {
    const org = await requireOrganisation(ctx.store, caller.orgId);
    const audience = await resolveAudience(ctx.store, org, {
      tlp: body.tlp,
      ...(body.community ? { communities: [body.community] } : {}),
      ...(body.recipient_orgs ? { recipientOrgs: body.recipient_orgs } : {}),
      ...(body.recipient_users ? { recipientUsers: body.recipient_users } : {}),
    });
    const objects = incidentObjects(body, stixNow());
    const items = ordered(objects);
    requireValid(items);
    const notStored: { id: string; message: string }[] = [];
    const summary = await importElements(
      (async function* () {
        yield items.map(({ value }, index) => ({ value, place: { index, line: 1 } }));
      })(),
      {
        store: ctx.store,
        source: 'REST incident report',
        authorOrg: caller.orgId,
        createdByRef: caller.orgId,
        defaultTlp: body.tlp,
        audience,
        batchSize: items.length,
        onRejected: (r) =>
          notStored.push({ id: r.id ?? '', message: r.errors.map((e) => e.message).join('; ') }),
      },
    );
    await auditApi(ctx, caller, request, {
      action: 'api.incident.create',
      target: objects.report.id as string,
      outcome: 'ok',
      detail: { objects: summary.added, tlp: body.tlp },
    });
    return {
      report: objects.report.id,
      incident: objects.incident.id,
      indicators: ids(objects.indicators),
      observables: ids(objects.observables),
      relationships: ids(objects.relationships),
      not_stored: notStored,
    };
  },
});
