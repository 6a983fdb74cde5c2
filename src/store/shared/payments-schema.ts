/**
 * Schema of payment holds (migration 4): one row per flagged payment, one per person's decision.
 * The same text on both dialects: every column is text or integer.
 */
export function paymentsSchema(): string[] {
  return [
    `create table payment_holds (
      id text primary key,
      org_id text not null references organisations (id),
      mode text not null check (mode in ('blocking', 'monitoring')),
      status text not null check (status in ('held', 'released', 'rejected', 'alerted')),
      reference text not null,
      format text not null,
      originator text not null,
      amount text not null,
      currency text not null,
      risk text not null,
      score integer not null,
      reasons text not null,
      message text not null,
      submitted_by text,
      created_at text not null,
      approvals_required integer not null check (approvals_required between 1 and 2),
      decided_at text,
      shared_as text
    )`,
    'create index payment_holds_org_created on payment_holds (org_id, created_at, id)',
    'create index payment_holds_org_decided on payment_holds (org_id, decided_at)',
    // The primary key is the two-person rule's last line: one decision per person per hold.
    `create table payment_hold_decisions (
      hold_id text not null references payment_holds (id) on delete cascade,
      key_id text not null,
      decision text not null check (decision in ('approve', 'reject')),
      comment text not null,
      at text not null,
      primary key (hold_id, key_id)
    )`,
  ];
}
