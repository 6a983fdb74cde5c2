/**
 * The daily report of a payment desk: what was held (or alerted) that day, what was released or
 * rejected that day, by whom and why. Days are UTC.
 */
import { BulwarkError } from '../../errors/index.ts';
import type { PaymentHold, Store } from '../../store/index.ts';

export interface ReportLine {
  id: string;
  reference: string;
  amount: string;
  currency: string;
  risk: string;
  score: number;
  status: string;
  /** The rules that fired, strongest first. */
  reasons: string[];
  decisions: { key: string; decision: string; comment: string; at: string }[];
  shared_as: string | null;
}

export interface DailyReport {
  day: string;
  held: ReportLine[];
  alerted: ReportLine[];
  released: ReportLine[];
  rejected: ReportLine[];
  /** Held that day and still waiting for decisions now. */
  waiting: ReportLine[];
}

export function dayWindow(day: string): { from: string; to: string } {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(start)) {
    throw new BulwarkError('USAGE', `"${day}" is not a day as YYYY-MM-DD`, {
      path: 'day',
      hint: 'e.g. 2016-02-05',
    });
  }
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

function line(h: PaymentHold): ReportLine {
  return {
    id: h.id,
    reference: h.reference,
    amount: h.amount,
    currency: h.currency,
    risk: h.risk,
    score: h.score,
    status: h.status,
    reasons: h.reasons.map((r) => String(r.kind)),
    decisions: h.decisions.map((d) => ({ key: d.keyId, decision: d.decision, comment: d.comment, at: d.at })),
    shared_as: h.sharedAs,
  };
}

export function buildReport(day: string, holds: readonly PaymentHold[]): DailyReport {
  const { from, to } = dayWindow(day);
  const inDay = (at: string | null) => at !== null && at >= from && at < to;
  const report: DailyReport = { day, held: [], alerted: [], released: [], rejected: [], waiting: [] };
  for (const h of holds) {
    if (inDay(h.createdAt)) (h.mode === 'blocking' ? report.held : report.alerted).push(line(h));
    if (inDay(h.decidedAt) && h.status === 'released') report.released.push(line(h));
    if (inDay(h.decidedAt) && h.status === 'rejected') report.rejected.push(line(h));
    if (h.status === 'held' && inDay(h.createdAt)) report.waiting.push(line(h));
  }
  return report;
}

/** Reads every hold of the organisation created or decided on `day`, page by page, and reports. */
export async function dailyReport(store: Store, orgId: string, day: string): Promise<DailyReport> {
  const { from, to } = dayWindow(day);
  const holds: PaymentHold[] = [];
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await store.payments.listHolds({
      orgId,
      from,
      to,
      limit: 1000,
      ...(after ? { after } : {}),
    });
    holds.push(...page);
    const last = page.at(-1);
    if (page.length < 1000 || last === undefined) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return buildReport(day, holds);
}

/** The report as a person reads it. */
export function reportText(r: DailyReport): string {
  const out = [`Payment holds, ${r.day} (UTC)`];
  const section = (title: string, lines: ReportLine[]) => {
    out.push('', `${title}: ${lines.length}`);
    for (const l of lines) {
      out.push(`  ${l.reference}  ${l.currency} ${l.amount}  ${l.risk} ${l.score}  ${l.id}`);
      out.push(`    why: ${l.reasons.join(', ') || '-'}`);
      for (const d of l.decisions)
        out.push(`    ${d.decision} by ${d.key} at ${d.at}${d.comment ? `: ${d.comment}` : ''}`);
      if (l.shared_as) out.push(`    shared as ${l.shared_as}`);
    }
  };
  section('Held', r.held);
  section('Alerted (monitoring)', r.alerted);
  section('Released', r.released);
  section('Rejected', r.rejected);
  section('Still waiting', r.waiting);
  return `${out.join('\n')}\n`;
}
