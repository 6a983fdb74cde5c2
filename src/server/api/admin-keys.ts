/** Admin: API keys (create — the key shown once —, list without secrets, revoke); all audited. */
import { z } from 'zod';
import { createKey, KEY_ROLES, type KeyInfo, keyInfo, listKeys, revokeKey } from '../../hub/index.ts';
import { auditApi } from './api-context.ts';
import { defineRoute } from './api-route.ts';

const Role = z.enum(KEY_ROLES as readonly ['reader', 'contributor', 'admin']);

const KeyOut = z.object({
  id: z.string(),
  org_id: z.string(),
  role: Role,
  label: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

const out = (k: KeyInfo) => ({
  id: k.id,
  org_id: k.orgId,
  role: k.role,
  label: k.label,
  created_at: k.createdAt,
  last_used_at: k.lastUsedAt,
  revoked_at: k.revokedAt,
});

export const createKeyRoute = defineRoute({
  method: 'POST',
  path: '/admin/keys',
  summary: 'Create an API key; the key is in this answer only',
  tag: 'admin',
  role: 'admin',
  status: 201,
  body: z.object({
    org: z.string().trim().min(1).describe('Organisation name or id'),
    role: Role,
    label: z.string().trim().max(200).optional(),
  }),
  response: KeyOut.extend({ key: z.string().describe('The secret key: shown once, stored hashed') }),
  action: 'key.create',
  handle: async ({ body, caller, request, ctx }) => {
    const { key, record } = await createKey(ctx.store, {
      org: body.org,
      role: body.role,
      ...(body.label ? { label: body.label } : {}),
    });
    await auditApi(ctx, caller, request, {
      action: 'key.create',
      target: record.id,
      outcome: 'ok',
      detail: { org: record.orgId, role: record.role },
    });
    return { ...out(keyInfo(record)), key };
  },
});

export const listKeysRoute = defineRoute({
  method: 'GET',
  path: '/admin/keys',
  summary: 'List API keys (never their secrets)',
  tag: 'admin',
  role: 'admin',
  query: z.object({
    org: z.string().trim().min(1).optional().describe('Only this organisation (name or id)'),
  }),
  response: z.object({ keys: z.array(KeyOut) }),
  action: 'key.list',
  handle: async ({ query, caller, request, ctx }) => {
    const keys = (await listKeys(ctx.store, query.org)).map(out);
    await auditApi(ctx, caller, request, { action: 'key.list', target: query.org ?? null, outcome: 'ok' });
    return { keys };
  },
});

export const revokeKeyRoute = defineRoute({
  method: 'DELETE',
  path: '/admin/keys/{id}',
  summary: 'Revoke an API key; it stops working at once',
  tag: 'admin',
  role: 'admin',
  params: z.object({ id: z.string().trim().min(1).max(64) }),
  response: KeyOut,
  action: 'key.revoke',
  handle: async ({ params, caller, request, ctx }) => {
    const info = await revokeKey(ctx.store, params.id);
    await auditApi(ctx, caller, request, { action: 'key.revoke', target: info.id, outcome: 'ok' });
    return out(info);
  },
});
