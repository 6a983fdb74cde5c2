/**
 * The audit log: who did what, when, from where. Entries never hold a key: anything shaped like one
 * in a target, source or detail is cut down to its public id before it is written.
 */
import type { AuditEntry, Store } from '../../store/index.ts';
import { KEY_IN_TEXT } from './key-format.ts';

/** An entry as callers give it: `at` defaults to now; target, source and detail to null. */
export type AuditInput = Pick<AuditEntry, 'orgId' | 'keyId' | 'action' | 'outcome'> &
  Partial<Pick<AuditEntry, 'at' | 'target' | 'source' | 'detail'>>;

function scrub(text: string): string {
  return text.replace(KEY_IN_TEXT, 'bwk_$1_…');
}

function scrubNullable(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : scrub(text);
}

/** The entry as it is stored: complete, with key-shaped text removed. */
export function auditEntry(input: AuditInput): AuditEntry {
  const detail =
    input.detail === null || input.detail === undefined
      ? null
      : (JSON.parse(scrub(JSON.stringify(input.detail))) as Record<string, unknown>);
  return {
    at: input.at ?? new Date().toISOString(),
    orgId: input.orgId,
    keyId: input.keyId,
    action: input.action,
    target: scrubNullable(input.target),
    outcome: input.outcome,
    source: scrubNullable(input.source),
    detail,
  };
}

/** Writes one entry now. */
export async function audit(store: Store, input: AuditInput): Promise<void> {
  await store.members.appendAudit([auditEntry(input)]);
}

/**
 * A batching writer for busy paths (denied reads under load): entries are kept up to `maxBatch` or
 * `flushMs`, then written in one transaction. `close` writes what is left.
 */
export class AuditLog {
  readonly #store: Store;
  readonly #maxBatch: number;
  readonly #flushMs: number;
  #pending: AuditEntry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #onError: (error: unknown) => void;

  constructor(
    store: Store,
    options: { maxBatch?: number; flushMs?: number; onError?: (error: unknown) => void } = {},
  ) {
    this.#store = store;
    this.#maxBatch = options.maxBatch ?? 200;
    this.#flushMs = options.flushMs ?? 200;
    this.#onError =
      options.onError ?? ((error) => process.emitWarning(`audit write failed: ${String(error)}`));
  }

  write(input: AuditInput): void {
    this.#pending.push(auditEntry(input));
    if (this.#pending.length >= this.#maxBatch) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
  }

  /** Writes what is pending; resolves when every entry written so far is stored. */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length > 0) {
      this.#writing = this.#writing.then(() => this.#store.members.appendAudit(batch)).catch(this.#onError);
    }
    return this.#writing;
  }

  close(): Promise<void> {
    return this.flush();
  }
}

/** Audits an action of the operator (the command line): no organisation, no key. */
export function auditOperator(
  store: Store,
  action: string,
  target: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  return audit(store, { orgId: null, keyId: null, action, target, outcome: 'ok', source: 'cli', detail });
}
