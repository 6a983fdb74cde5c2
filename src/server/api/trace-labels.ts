/**
 * The labels a trace may use for one caller: only what the caller may read (the hub's scope, via the
 * screening index of that scope, kept current in the background). A private label of another
 * organisation neither shows in the result nor stops the trace.
 */
import type { Caller } from '../../hub/index.ts';
import { type LabelsOf, labelsFromScreener } from '../../trace/index.ts';
import type { ApiContext } from './api-context.ts';
import { screenerCacheOf } from './screen.ts';

/** The same screeners as screening (one index per reader scope, not a second copy). */
export async function labelsFor(ctx: ApiContext, caller: Caller): Promise<LabelsOf> {
  return labelsFromScreener(await screenerCacheOf(ctx).forCaller(caller));
}
