/** A Bitcoin Core JSON-RPC client: fetch, batched calls, a timeout, credentials from the URL. */
import { BulwarkError } from '../../errors/index.ts';

export interface RpcCall {
  method: string;
  params: unknown[];
}

export class BitcoinRpc {
  private readonly url: string;
  private readonly auth: string | undefined;
  private readonly timeoutMs: number;
  private nextId = 1;

  constructor(url: string, timeoutMs = 30_000) {
    const u = new URL(url);
    this.auth = u.username
      ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`
      : undefined;
    u.username = '';
    u.password = '';
    this.url = u.toString();
    this.timeoutMs = timeoutMs;
  }

  async call<T>(method: string, ...params: unknown[]): Promise<T> {
    const [r] = await this.batch<T>([{ method, params }]);
    return r as T;
  }

  /** One HTTP request for all calls; answers in call order; any error fails the batch. */
  async batch<T>(calls: RpcCall[]): Promise<T[]> {
    const first = this.nextId;
    const body = calls.map((c, i) => ({ jsonrpc: '1.0', id: first + i, method: c.method, params: c.params }));
    this.nextId += calls.length;
    let text: string;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.auth ? { authorization: this.auth } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
      if (res.status === 401 || res.status === 403)
        throw this.error(`node refused the credentials (HTTP ${res.status})`);
    } catch (cause) {
      if (cause instanceof BulwarkError) throw cause;
      throw new BulwarkError(
        'BTC_RPC_UNAVAILABLE',
        `no answer from the Bitcoin node: ${(cause as Error).message}`,
        {
          source: this.url,
          cause,
          hint: 'Check that bitcoind runs with -server and that the URL, port and credentials are right',
        },
      );
    }
    let answers: unknown;
    try {
      answers = JSON.parse(text);
    } catch {
      throw this.error('answer is not JSON');
    }
    if (!Array.isArray(answers)) throw this.error('answer to a batch is not an array');
    const byId = new Map<number, { result?: unknown; error?: { message?: string } | null }>();
    for (const a of answers)
      byId.set((a as { id: number }).id, a as { result?: unknown; error?: { message?: string } | null });
    return calls.map((c, i) => {
      const a = byId.get(first + i);
      if (!a) throw this.error(`no answer to ${c.method}`);
      if (a.error) throw this.error(`${c.method} failed: ${a.error.message ?? JSON.stringify(a.error)}`);
      return a.result as T;
    });
  }

  private error(message: string): BulwarkError {
    return new BulwarkError('BTC_RPC_ERROR', message, {
      source: this.url,
      hint: 'Check the node is Bitcoin Core compatible, fully started and not pruned below the heights asked',
    });
  }
}
