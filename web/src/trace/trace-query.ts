/** The trace form's state in the URL (`/trace?seed=…&model=…`), so a trace can be linked and reloaded. */
import type { Direction, Model, TraceRequest } from './trace-types.ts';

const MODELS: readonly Model[] = ['haircut', 'poison', 'fifo'];
const DIRECTIONS: readonly Direction[] = ['forward', 'backward'];

export function requestOf(query: URLSearchParams): TraceRequest | undefined {
  const seeds = query
    .getAll('seed')
    .flatMap((s) => s.split(/[\s,]+/))
    .filter(Boolean);
  if (seeds.length === 0) return undefined;
  const model = query.get('model') as Model | null;
  const direction = query.get('direction') as Direction | null;
  const hops = Number(query.get('hops'));
  const min = Number(query.get('min_value'));
  return {
    seeds,
    model: model && MODELS.includes(model) ? model : 'haircut',
    direction: direction && DIRECTIONS.includes(direction) ? direction : 'forward',
    hops: Number.isInteger(hops) && hops >= 1 && hops <= 64 ? hops : 6,
    ...(Number.isSafeInteger(min) && min > 0 ? { min_value: min } : {}),
  };
}

export function queryOf(r: TraceRequest): string {
  const q = new URLSearchParams();
  for (const s of r.seeds) q.append('seed', s);
  q.set('model', r.model ?? 'haircut');
  q.set('direction', r.direction ?? 'forward');
  q.set('hops', String(r.hops ?? 6));
  if (r.min_value) q.set('min_value', String(r.min_value));
  return `/trace?${q.toString()}`;
}

export { DIRECTIONS, MODELS };
