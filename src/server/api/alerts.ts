/**
 * Freeze alerts over REST: an organisation reads and acknowledges its own alerts, registers its
 * deposit and hot wallets and sets its webhook. Every query names the caller's organisation, so
 * another organisation's alert or wallet is a 404, indistinguishable from one that does not exist.
 */
import { z } from 'zod';
import {
  alertJson,
  checkWebhookUrl,
  registerWallet,
  WALLET_CHAINS,
  WALLET_ROLES,
  walletKey,
} from '../../alerts/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { auditApi } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { screenerCacheOf } from './screen.ts';

export const Alert = z.object({
  id: z.string(),
  created: z.string(),
  status: z.enum(['open', 'acknowledged']),
  chain: z.string(),
  address: z.string(),
  wallet_role: z.enum(WALLET_ROLES),
  asset: z.string().describe("'ETH', a token contract address, or 'BTC'"),
  amount: z
    .string()
    .describe('Traced stolen value that reached the wallet, decimal, base units (wei, satoshi)'),
  tx: z.string(),
  block: z.number().int(),
  sources: z.array(z.string()).describe('The flagged addresses the value traces back to'),
  sighting_ref: z.string().nullable().describe('The STIX sighting recording the alert in the hub'),
});

const AlertId = z.object({ id: z.string().min(1).max(80) });

const alertNotFound = (id: string) =>
  new BulwarkError('NOT_FOUND', `No alert ${id} here`, {
    objectId: id,
    hint: 'List your alerts with GET /api/v1/alerts',
  });

export const listAlertsRoute = defineRoute({
  method: 'GET',
  path: '/alerts',
  summary: "The caller's organisation's freeze alerts, newest first",
  tag: 'alerts',
  role: 'reader',
  query: z.object({
    status: z.enum(['open', 'acknowledged', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  }),
  response: z.object({ alerts: z.array(Alert) }),
  handle: async ({ query, caller, ctx }) => ({
    alerts: (await ctx.store.alerts.listAlerts(caller.orgId, query)).map(alertJson),
  }),
});

export const alertByIdRoute = defineRoute({
  method: 'GET',
  path: '/alerts/{id}',
  summary: 'One freeze alert of the caller’s organisation',
  tag: 'alerts',
  role: 'reader',
  params: AlertId,
  response: Alert,
  handle: async ({ params, caller, ctx }) => {
    const alert = await ctx.store.alerts.getAlert(caller.orgId, params.id);
    if (!alert) throw alertNotFound(params.id);
    return alertJson(alert);
  },
});

export const acknowledgeAlertRoute = defineRoute({
  method: 'POST',
  path: '/alerts/{id}/acknowledge',
  summary: 'Acknowledge a freeze alert (idempotent)',
  tag: 'alerts',
  role: 'contributor',
  params: AlertId,
  response: Alert,
  action: 'alert.acknowledge',
  handle: async ({ params, caller, request, ctx }) => {
    const alert = await ctx.store.alerts.acknowledgeAlert(caller.orgId, params.id, new Date().toISOString());
    if (!alert) throw alertNotFound(params.id);
    await auditApi(ctx, caller, request, { action: 'alert.acknowledge', target: params.id, outcome: 'ok' });
    return alertJson(alert);
  },
});

const Wallet = z.object({
  address: z.string(),
  chain: z.string(),
  role: z.enum(WALLET_ROLES),
  created_at: z.string(),
});
const walletJson = (w: { address: string; chain: string; role: 'deposit' | 'hot'; createdAt: string }) => ({
  address: w.address,
  chain: w.chain,
  role: w.role,
  created_at: w.createdAt,
});
const Address = z.string().min(1).max(256);

export const listWalletsRoute = defineRoute({
  method: 'GET',
  path: '/wallets',
  summary: "The caller's organisation's registered deposit and hot wallets (private to it)",
  tag: 'alerts',
  role: 'reader',
  response: z.object({ wallets: z.array(Wallet) }),
  handle: async ({ caller, ctx }) => ({
    wallets: (await ctx.store.alerts.walletsOf(caller.orgId)).map(walletJson),
  }),
});

export const walletRoute = defineRoute({
  method: 'GET',
  path: '/wallets/{address}',
  summary: 'One registered wallet of the caller’s organisation',
  tag: 'alerts',
  role: 'reader',
  params: z.object({ address: Address }),
  response: Wallet,
  handle: async ({ params, caller, ctx }) => {
    const address = walletKey(params.address);
    const found = (await ctx.store.alerts.walletsOf(caller.orgId)).find((w) => w.address === address);
    if (!found) {
      throw new BulwarkError('NOT_FOUND', `No registered wallet ${params.address} here`, {
        hint: 'Register it with POST /api/v1/wallets',
      });
    }
    return walletJson(found);
  },
});

export const registerWalletRoute = defineRoute({
  method: 'POST',
  path: '/wallets',
  summary: 'Register a deposit or hot wallet of the caller’s organisation for freeze alerts',
  tag: 'alerts',
  role: 'admin',
  status: 201,
  body: z.object({
    address: Address.describe(
      'Ethereum 0x…, or Bitcoin mainnet P2PKH (1…), P2SH (3…), P2WPKH/P2WSH (bc1q…), P2TR (bc1p…)',
    ),
    role: z.enum(WALLET_ROLES),
    chain: z
      .enum(WALLET_CHAINS)
      .optional()
      .describe("Default: the address's form (0x… Ethereum, otherwise Bitcoin)"),
  }),
  response: Wallet,
  action: 'wallet.register',
  handle: async ({ body, caller, request, ctx }) => {
    const wallet = await registerWallet(ctx.store, caller.orgId, body.address, body.role, body.chain);
    // the wallet is a label of the organisation's own: its next screen or trace recognises it
    await screenerCacheOf(ctx).walletsChanged(caller.orgId);
    await auditApi(ctx, caller, request, {
      action: 'wallet.register',
      target: wallet.address,
      outcome: 'ok',
      detail: { role: wallet.role, chain: wallet.chain },
    });
    return walletJson(wallet);
  },
});

export const removeWalletRoute = defineRoute({
  method: 'DELETE',
  path: '/wallets/{address}',
  summary: 'Remove a registered wallet of the caller’s organisation: no more freeze alerts for it',
  tag: 'alerts',
  role: 'admin',
  params: z.object({ address: Address }),
  response: Wallet,
  action: 'wallet.remove',
  handle: async ({ params, caller, request, ctx }) => {
    const address = walletKey(params.address);
    const found = (await ctx.store.alerts.walletsOf(caller.orgId)).find((w) => w.address === address);
    if (!found || !(await ctx.store.alerts.removeWallet(caller.orgId, address))) {
      throw new BulwarkError('NOT_FOUND', `No registered wallet ${params.address} here`, {
        hint: 'GET /api/v1/wallets lists the organisation’s wallets',
      });
    }
    // the label goes with it: the next screen or trace no longer stops there
    await screenerCacheOf(ctx).walletsChanged(caller.orgId);
    await auditApi(ctx, caller, request, { action: 'wallet.remove', target: address, outcome: 'ok' });
    return walletJson(found);
  },
});

export const setWebhookRoute = defineRoute({
  method: 'PUT',
  path: '/admin/webhook',
  summary: "Set the caller's organisation's alert webhook (HMAC-SHA256 signed deliveries)",
  tag: 'alerts',
  role: 'admin',
  body: z.object({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    secret: z
      .string()
      .min(16)
      .max(256)
      .describe('Shared secret for X-Bulwark-Signature; at least 16 characters'),
  }),
  response: z.object({ url: z.string(), updated_at: z.string() }),
  action: 'webhook.set',
  handle: async ({ body, caller, request, ctx }) => {
    checkWebhookUrl(body.url, ctx.webhookAllowPrivate === true);
    const updatedAt = new Date().toISOString();
    await ctx.store.alerts.setWebhook({ orgId: caller.orgId, url: body.url, secret: body.secret, updatedAt });
    // the URL is audited, never the secret
    await auditApi(ctx, caller, request, { action: 'webhook.set', target: body.url, outcome: 'ok' });
    return { url: body.url, updated_at: updatedAt };
  },
});

export const ALERT_ROUTES = [
  listAlertsRoute,
  alertByIdRoute,
  acknowledgeAlertRoute,
  listWalletsRoute,
  walletRoute,
  registerWalletRoute,
  removeWalletRoute,
  setWebhookRoute,
];
