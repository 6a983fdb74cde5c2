import type { Plan } from './compile.ts';
import type { Match, Observation } from './observation.ts';

/**
 * A node of the running matcher. `offer` sees each observation once, in time order, and appends to
 * `out` the new matches of its sub-pattern that include that observation. Nodes that must remember
 * earlier matches (AND, FOLLOWEDBY, REPEATS) keep them in `history`, pruned to the tightest enclosing
 * WITHIN window (`horizon`) and capped at `limit` entries.
 */
export interface MatchNode {
  offer(obs: Observation, now: number, out: Match[]): void;
  /** Partial matches held, this node and below. */
  held(): number;
}

export function buildNode(plan: Plan, horizon: number, limit: number): MatchNode {
  switch (plan.kind) {
    case 'leaf':
      return {
        offer: (obs, _now, out) => {
          if (plan.test(obs)) out.push({ observations: [obs], first: obs.time, last: obs.time });
        },
        held: () => 0,
      };
    case 'or': {
      const left = buildNode(plan.left, horizon, limit);
      const right = buildNode(plan.right, horizon, limit);
      return {
        offer: (obs, now, out) => {
          left.offer(obs, now, out);
          right.offer(obs, now, out);
        },
        held: () => left.held() + right.held(),
      };
    }
    case 'and':
    case 'followedby':
      return new JoinNode(
        plan.kind === 'followedby',
        buildNode(plan.left, horizon, limit),
        buildNode(plan.right, horizon, limit),
        horizon,
        limit,
      );
    case 'within':
      return new WithinNode(plan.ms, buildNode(plan.inner, Math.min(horizon, plan.ms), limit));
    case 'repeats':
      return new RepeatsNode(plan.times, buildNode(plan.inner, horizon, limit), horizon, limit);
    case 'start-stop':
      return new StartStopNode(plan.start, plan.stop, buildNode(plan.inner, horizon, limit));
  }
}

class JoinNode implements MatchNode {
  private readonly leftHistory: Match[] = [];
  private readonly rightHistory: Match[] = [];
  private readonly newLeft: Match[] = [];
  private readonly newRight: Match[] = [];
  private readonly ordered: boolean;
  private readonly left: MatchNode;
  private readonly right: MatchNode;
  private readonly horizon: number;
  private readonly limit: number;

  constructor(ordered: boolean, left: MatchNode, right: MatchNode, horizon: number, limit: number) {
    this.ordered = ordered;
    this.left = left;
    this.right = right;
    this.horizon = horizon;
    this.limit = limit;
  }

  offer(obs: Observation, now: number, out: Match[]): void {
    const newLeft = this.newLeft;
    const newRight = this.newRight;
    newLeft.length = 0;
    newRight.length = 0;
    this.left.offer(obs, now, newLeft);
    this.right.offer(obs, now, newRight);
    for (const l of newLeft) {
      const r = tightest(this.rightHistory, (candidate) => this.fits(l, candidate));
      if (r !== undefined) out.push(combine(l, r));
    }
    for (const r of newRight) {
      const l = tightest(this.leftHistory, (candidate) => this.fits(candidate, r));
      if (l !== undefined) out.push(combine(l, r));
    }
    for (const l of newLeft) this.leftHistory.push(l);
    for (const r of newRight) this.rightHistory.push(r);
    // Pruning after pairing is safe: an expired partner only forms a match its WITHIN rejects.
    prune(this.leftHistory, now, this.horizon, this.limit);
    prune(this.rightHistory, now, this.horizon, this.limit);
  }

  /** Distinct observations; for FOLLOWEDBY the left side all seen no later than the right side. */
  private fits(l: Match, r: Match): boolean {
    return (!this.ordered || l.last <= r.first) && disjoint(l, r);
  }

  held(): number {
    return this.leftHistory.length + this.rightHistory.length + this.left.held() + this.right.held();
  }
}

class WithinNode implements MatchNode {
  private readonly scratch: Match[] = [];
  private readonly ms: number;
  private readonly inner: MatchNode;

  constructor(ms: number, inner: MatchNode) {
    this.ms = ms;
    this.inner = inner;
  }

  offer(obs: Observation, now: number, out: Match[]): void {
    const found = this.scratch;
    found.length = 0;
    this.inner.offer(obs, now, found);
    for (const m of found) if (m.last - m.first <= this.ms) out.push(m);
  }

  held(): number {
    return this.inner.held();
  }
}

/** Greedy: a new match plus the most recent earlier ones that share no observation with it. */
class RepeatsNode implements MatchNode {
  private readonly history: Match[] = [];
  private readonly scratch: Match[] = [];
  private readonly times: number;
  private readonly inner: MatchNode;
  private readonly horizon: number;
  private readonly limit: number;

  constructor(times: number, inner: MatchNode, horizon: number, limit: number) {
    this.times = times;
    this.inner = inner;
    this.horizon = horizon;
    this.limit = limit;
  }

  offer(obs: Observation, now: number, out: Match[]): void {
    const found = this.scratch;
    found.length = 0;
    this.inner.offer(obs, now, found);
    for (const m of found) {
      const chosen = [m];
      for (let i = this.history.length - 1; i >= 0 && chosen.length < this.times; i--) {
        const candidate = this.history[i]!;
        if (chosen.every((c) => disjoint(c, candidate))) chosen.push(candidate);
      }
      if (chosen.length === this.times) out.push(combineAll(chosen));
      this.history.push(m);
    }
    prune(this.history, now, this.horizon, this.limit);
  }

  held(): number {
    return this.history.length + this.inner.held();
  }
}

class StartStopNode implements MatchNode {
  private readonly scratch: Match[] = [];
  private readonly start: number;
  private readonly stop: number;
  private readonly inner: MatchNode;

  constructor(start: number, stop: number, inner: MatchNode) {
    this.start = start;
    this.stop = stop;
    this.inner = inner;
  }

  offer(obs: Observation, now: number, out: Match[]): void {
    // An observation outside the interval can be part of no match below, so it is not even offered.
    if (obs.time < this.start || obs.time >= this.stop) return;
    const found = this.scratch;
    found.length = 0;
    this.inner.offer(obs, now, found);
    for (const m of found) if (m.first >= this.start && m.last < this.stop) out.push(m);
  }

  held(): number {
    return this.inner.held();
  }
}

/** The candidate with the latest start that fits: the tightest window, the likeliest to pass a WITHIN. */
function tightest(history: readonly Match[], fits: (m: Match) => boolean): Match | undefined {
  let best: Match | undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if ((best === undefined || m.first > best.first) && fits(m)) best = m;
  }
  return best;
}

function combine(a: Match, b: Match): Match {
  return combineAll([a, b]);
}

/** One match of several, its observations in time order. */
function combineAll(parts: readonly Match[]): Match {
  const observations: Observation[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of parts) {
    for (const o of p.observations) observations.push(o);
    if (p.first < first) first = p.first;
    if (p.last > last) last = p.last;
  }
  observations.sort((x, y) => x.time - y.time);
  return { observations, first, last };
}

function disjoint(a: Match, b: Match): boolean {
  for (const x of a.observations) if (b.observations.includes(x)) return false;
  return true;
}

/** Drops matches that can no longer fit the enclosing window, then the oldest beyond the cap. */
function prune(history: Match[], now: number, horizon: number, limit: number): void {
  let kept = 0;
  for (let i = 0; i < history.length; i++) {
    const m = history[i]!;
    if (now - m.first <= horizon) history[kept++] = m;
  }
  history.length = kept;
  if (kept > limit) history.splice(0, kept - limit);
}
