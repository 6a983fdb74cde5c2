/** The TAXII status resource (§4.3.1) from the hub's stored record. */
import type { TaxiiStatus } from '../store/index.ts';

export function statusResource(status: TaxiiStatus): Record<string, unknown> {
  return {
    id: status.id,
    status: status.status,
    request_timestamp: status.requestTimestamp,
    total_count: status.totalCount,
    success_count: status.successCount,
    successes: status.successes,
    failure_count: status.failureCount,
    failures: status.failures,
    pending_count: status.pendingCount,
    pendings: status.pendings,
  };
}
