/**
 * `AlertStore` once for both backends: plain statements with `?` placeholders over a two-method
 * runner each adapter supplies (sqlite-alerts.ts, pg-alerts.ts numbers the placeholders).
 */
import type {
  AlertQuery,
  AlertRecord,
  AlertStore,
  NewAlert,
  WalletRecord,
  WebhookRecord,
} from '../alerts-types.ts';

export interface AlertRunner {
  all(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Rows changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

const ALERT_SELECT = `select seq, id, org_id, created, status, acknowledged_at, chain, address, wallet_role,
  asset, amount, tx, block, sources, sighting_ref from alerts`;
const WALLET_SELECT = 'select org_id, chain, address, role, created_at from alert_wallets';

function toAlert(r: Record<string, unknown>): AlertRecord {
  return {
    seq: Number(r.seq),
    id: String(r.id),
    orgId: String(r.org_id),
    created: String(r.created),
    status: r.status === 'acknowledged' ? 'acknowledged' : 'open',
    acknowledgedAt: r.acknowledged_at === null ? null : String(r.acknowledged_at),
    chain: String(r.chain),
    address: String(r.address),
    walletRole: r.wallet_role === 'hot' ? 'hot' : 'deposit',
    asset: String(r.asset),
    amount: String(r.amount),
    tx: String(r.tx),
    block: Number(r.block),
    sources: JSON.parse(String(r.sources)) as string[],
    sightingRef: r.sighting_ref === null ? null : String(r.sighting_ref),
  };
}

function toWallet(r: Record<string, unknown>): WalletRecord {
  return {
    orgId: String(r.org_id),
    chain: String(r.chain),
    address: String(r.address),
    role: r.role === 'hot' ? 'hot' : 'deposit',
    createdAt: String(r.created_at),
  };
}

export class SqlAlertStore implements AlertStore {
  readonly #db: AlertRunner;

  constructor(db: AlertRunner) {
    this.#db = db;
  }

  async registerWallet(w: WalletRecord): Promise<void> {
    await this.#db.run(
      `insert into alert_wallets (org_id, chain, address, role, created_at) values (?, ?, ?, ?, ?)
       on conflict (org_id, address) do update set role = excluded.role, chain = excluded.chain`,
      [w.orgId, w.chain, w.address, w.role, w.createdAt],
    );
  }

  async removeWallet(orgId: string, address: string): Promise<boolean> {
    return (
      (await this.#db.run('delete from alert_wallets where org_id = ? and address = ?', [orgId, address])) > 0
    );
  }

  async walletsOf(orgId: string): Promise<WalletRecord[]> {
    return (await this.#db.all(`${WALLET_SELECT} where org_id = ? order by address`, [orgId])).map(toWallet);
  }

  async allWallets(): Promise<WalletRecord[]> {
    return (await this.#db.all(`${WALLET_SELECT} order by org_id, address`, [])).map(toWallet);
  }

  async addAlert(a: NewAlert): Promise<AlertRecord | undefined> {
    const added = await this.#db.run(
      `insert into alerts (id, org_id, created, status, chain, address, wallet_role, asset, amount, tx, block,
        sources, sighting_ref, dedupe) values (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (org_id, dedupe) do nothing`,
      [
        a.id,
        a.orgId,
        a.created,
        a.chain,
        a.address,
        a.walletRole,
        a.asset,
        a.amount,
        a.tx,
        a.block,
        JSON.stringify(a.sources),
        a.sightingRef,
        a.dedupe,
      ],
    );
    return added > 0 ? this.getAlert(a.orgId, a.id) : undefined;
  }

  async listAlerts(orgId: string, q: AlertQuery = {}): Promise<AlertRecord[]> {
    const where = ['org_id = ?'];
    const params: unknown[] = [orgId];
    if (q.status !== undefined && q.status !== 'all') {
      where.push('status = ?');
      params.push(q.status);
    }
    if (q.afterSeq !== undefined) {
      where.push('seq > ?');
      params.push(q.afterSeq);
    }
    const order = q.afterSeq !== undefined ? 'asc' : 'desc';
    params.push(Math.max(1, Math.min(q.limit ?? 100, 10_000)));
    const rows = await this.#db.all(
      `${ALERT_SELECT} where ${where.join(' and ')} order by seq ${order} limit ?`,
      params,
    );
    return rows.map(toAlert);
  }

  async getAlert(orgId: string, id: string): Promise<AlertRecord | undefined> {
    const rows = await this.#db.all(`${ALERT_SELECT} where org_id = ? and id = ?`, [orgId, id]);
    return rows[0] === undefined ? undefined : toAlert(rows[0]);
  }

  async acknowledgeAlert(orgId: string, id: string, at: string): Promise<AlertRecord | undefined> {
    await this.#db.run(
      `update alerts set status = 'acknowledged', acknowledged_at = ? where org_id = ? and id = ? and status = 'open'`,
      [at, orgId, id],
    );
    return this.getAlert(orgId, id);
  }

  async setWebhook(w: WebhookRecord): Promise<void> {
    await this.#db.run(
      `insert into alert_webhooks (org_id, url, secret, updated_at) values (?, ?, ?, ?)
       on conflict (org_id) do update set url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at`,
      [w.orgId, w.url, w.secret, w.updatedAt],
    );
  }

  async getWebhook(orgId: string): Promise<WebhookRecord | undefined> {
    const rows = await this.#db.all(
      'select org_id, url, secret, updated_at from alert_webhooks where org_id = ?',
      [orgId],
    );
    const r = rows[0];
    if (r === undefined) return undefined;
    return {
      orgId: String(r.org_id),
      url: String(r.url),
      secret: String(r.secret),
      updatedAt: String(r.updated_at),
    };
  }
}
