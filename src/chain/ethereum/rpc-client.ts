/**
 * JSON-RPC over HTTP for Ethereum nodes: batch arrays, bounded concurrency, retries with exponential
 * backoff on network errors, timeouts and 429/5xx, and errors that name the (masked) node and method.
 */
import { BulwarkError } from '../../errors/index.ts';
import { maskRpcUrl } from './mask-url.ts';
import { Semaphore } from './semaphore.ts';

export interface RpcCall {
  method: string;
  params: readonly unknown[];
}

export type RpcOutcome = { ok: true; result: unknown } | { ok: false; code: number; message: string };

export interface RpcClientOptions {
  url: string;
  /** Requests (single or batch) in flight at once. */
  concurrency?: number;
  /** Calls per JSON-RPC batch array; larger lists are split. */
  maxBatch?: number;
  /** Attempts after the first on transient failures. */
  retries?: number;
  timeoutMs?: number;
  /** First backoff delay; doubles on each retry. */
  backoffMs?: number;
  signal?: AbortSignal;
}

/** JSON-RPC code for "the method does not exist / is not available". */
export const METHOD_NOT_FOUND = -32601;

interface Envelope {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown };
}

class Transient extends Error {}

export class RpcClient {
  /** The node URL with credentials masked: safe to print. */
  readonly source: string;
  readonly #url: string;
  readonly #authorization: string | undefined;
  readonly #gate: Semaphore;
  readonly #maxBatch: number;
  readonly #retries: number;
  readonly #timeoutMs: number;
  readonly #backoffMs: number;
  readonly #signal: AbortSignal | undefined;
  #nextId = 1;
  /** Requests sent, counting each batch array once (for benchmarks and summaries). */
  requests = 0;

  constructor(options: RpcClientOptions) {
    this.source = maskRpcUrl(options.url);
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new BulwarkError('USAGE', `not a URL: ${this.source}`, {
        hint: 'Give the node as http(s)://host:port',
      });
    }
    // fetch refuses URLs with credentials: send them as HTTP Basic instead.
    if (parsed.username || parsed.password) {
      const user = decodeURIComponent(parsed.username);
      const pass = decodeURIComponent(parsed.password);
      this.#authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      parsed.username = '';
      parsed.password = '';
    }
    this.#url = parsed.toString();
    this.#gate = new Semaphore(options.concurrency ?? 4);
    this.#maxBatch = Math.max(1, options.maxBatch ?? 50);
    this.#retries = options.retries ?? 5;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#backoffMs = options.backoffMs ?? 200;
    this.#signal = options.signal;
  }

  /** One call; a JSON-RPC error becomes a BulwarkError naming the method. */
  async call<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
    const [outcome] = await this.settle([{ method, params }]);
    return this.#unwrap(outcome as RpcOutcome, method) as T;
  }

  /** Many calls, batched; results in the order of `calls`. The first JSON-RPC error throws. */
  async batch<T = unknown>(calls: readonly RpcCall[]): Promise<T[]> {
    const outcomes = await this.settle(calls);
    return outcomes.map((outcome, i) => this.#unwrap(outcome, (calls[i] as RpcCall).method) as T);
  }

  /** Many calls, batched; each outcome is a result or the node's error, never thrown. */
  async settle(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    const chunks: RpcCall[][] = [];
    for (let i = 0; i < calls.length; i += this.#maxBatch) chunks.push(calls.slice(i, i + this.#maxBatch));
    const answers = await Promise.all(chunks.map((chunk) => this.#gate.run(() => this.#send(chunk))));
    return answers.flat();
  }

  #unwrap(outcome: RpcOutcome, method: string): unknown {
    if (outcome.ok) return outcome.result;
    throw new BulwarkError('ETH_RPC_ERROR', `${method} failed: ${outcome.message} (code ${outcome.code})`, {
      source: this.source,
      details: { method, code: outcome.code },
      hint:
        outcome.code === METHOD_NOT_FOUND
          ? 'The node does not offer this method; use a node that does or an archive/trace-enabled one'
          : 'Check the node logs; the request may need an archive node or different parameters',
    });
  }

  async #send(chunk: readonly RpcCall[]): Promise<RpcOutcome[]> {
    const ids = chunk.map(() => this.#nextId++);
    const single = chunk.length === 1;
    const payload = chunk.map((c, i) => ({ jsonrpc: '2.0', id: ids[i], method: c.method, params: c.params }));
    const label = single
      ? (chunk[0] as RpcCall).method
      : `batch of ${chunk.length} (${(chunk[0] as RpcCall).method}…)`;
    const body = await this.#postWithRetries(JSON.stringify(single ? payload[0] : payload), label);
    const envelopes = single && !Array.isArray(body) ? [body] : body;
    if (!Array.isArray(envelopes)) {
      throw this.#malformed(label, 'expected a JSON array answering the batch', body);
    }
    const byId = new Map<unknown, Envelope>();
    for (const envelope of envelopes) {
      if (envelope && typeof envelope === 'object') byId.set((envelope as Envelope).id, envelope as Envelope);
    }
    return ids.map((id) => {
      const envelope = byId.get(id);
      if (!envelope) {
        // A batch answered by one error object: the node rejected the whole batch.
        const only = envelopes.length === 1 ? (envelopes[0] as Envelope) : undefined;
        if (only?.error) return toOutcome(only);
        throw this.#malformed(label, `no answer for request id ${id}`, body);
      }
      return toOutcome(envelope);
    });
  }

  async #postWithRetries(text: string, label: string): Promise<unknown> {
    let lastProblem = 'no attempt made';
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      this.#signal?.throwIfAborted();
      try {
        return await this.#postOnce(text, label);
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        lastProblem = error.message;
        if (attempt === this.#retries) break;
        await sleep(this.#backoffMs * 2 ** attempt * (1 + Math.random() * 0.25), this.#signal);
      }
    }
    throw new BulwarkError(
      'ETH_RPC_UNAVAILABLE',
      `${label}: ${lastProblem} after ${this.#retries + 1} attempts`,
      {
        source: this.source,
        details: { method: label },
        hint: 'Check that the node is running and reachable at this URL, or raise the timeout/retries',
      },
    );
  }

  async #postOnce(text: string, label: string): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = this.#signal ? AbortSignal.any([timeout, this.#signal]) : timeout;
    let response: Response;
    let raw: string;
    this.requests++;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.#authorization ? { authorization: this.#authorization } : {}),
        },
        body: text,
        signal,
      });
      raw = await response.text();
    } catch (error) {
      if (this.#signal?.aborted) throw this.#signal.reason;
      if (timeout.aborted) throw new Transient(`no answer within ${this.#timeoutMs} ms`);
      throw new Transient(describeNetworkError(error));
    }
    if (response.status === 429 || response.status >= 500) {
      throw new Transient(`HTTP ${response.status} ${response.statusText}`.trim());
    }
    if (!response.ok) {
      throw new BulwarkError(
        'ETH_RPC_ERROR',
        `${label}: HTTP ${response.status} ${response.statusText}`.trim(),
        {
          source: this.source,
          details: { method: label, status: response.status },
          hint:
            response.status === 401 || response.status === 403
              ? 'The node refused the credentials; check the user, password or API key in the URL'
              : 'Check the URL points at a JSON-RPC endpoint',
        },
      );
    }
    try {
      return JSON.parse(raw);
    } catch {
      throw this.#malformed(label, 'the answer is not JSON', raw);
    }
  }

  #malformed(label: string, problem: string, body: unknown): BulwarkError {
    const excerpt = (typeof body === 'string' ? body : (JSON.stringify(body) ?? '')).slice(0, 120);
    return new BulwarkError('ETH_RPC_MALFORMED', `${label}: ${problem}: ${excerpt}`, {
      source: this.source,
      details: { method: label },
      hint: 'The URL may point at something other than an Ethereum JSON-RPC endpoint, or a proxy mangles answers',
    });
  }
}

function toOutcome(envelope: Envelope): RpcOutcome {
  if (envelope.error !== undefined && envelope.error !== null) {
    const code = typeof envelope.error.code === 'number' ? envelope.error.code : 0;
    const message = typeof envelope.error.message === 'string' ? envelope.error.message : 'unknown error';
    return { ok: false, code, message };
  }
  return { ok: true, result: envelope.result };
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
