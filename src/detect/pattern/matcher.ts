import { type CompiledPattern, compilePattern } from './compile.ts';
import { buildNode, type MatchNode } from './matcher-nodes.ts';
import type { Match, Observation } from './observation.ts';

export interface MatcherOptions {
  /** Most partial matches one AND / FOLLOWEDBY side or REPEATS keeps when no WITHIN bounds it (default 1024). */
  readonly maxPartials?: number;
}

const NONE: readonly Match[] = Object.freeze([]);

/**
 * Runs a pattern over a stream of observations given in time order. Each `push` returns the matches
 * completed by that observation: for every new partial match, the tightest completion (latest-starting
 * partner), so one arrival yields at most a few matches, not every combination. State is bounded:
 * partial matches older than the enclosing WITHIN window are dropped, and the rest are capped.
 */
export class PatternMatcher {
  readonly compiled: CompiledPattern;
  private readonly root: MatchNode;
  private readonly out: Match[] = [];
  private now = Number.NEGATIVE_INFINITY;

  constructor(pattern: CompiledPattern | string, options: MatcherOptions = {}) {
    this.compiled = typeof pattern === 'string' ? compilePattern(pattern) : pattern;
    this.root = buildNode(this.compiled.plan, Number.POSITIVE_INFINITY, options.maxPartials ?? 1024);
  }

  push(obs: Observation): readonly Match[] {
    // A late observation is still matched; windows use its own time, expiry the latest time seen.
    if (obs.time > this.now) this.now = obs.time;
    const out = this.out;
    out.length = 0;
    this.root.offer(obs, this.now, out);
    return out.length === 0 ? NONE : out.slice();
  }

  /** Partial matches held now; bounded by the WITHIN windows and `maxPartials`. */
  get partials(): number {
    return this.root.held();
  }
}
