import { objectHref } from '../router.ts';
import type { ScreenResult } from '../screening.ts';
import { Link } from './link.tsx';

export function RiskBadge({ risk }: { risk: string }) {
  return <span className={`risk risk-${risk}`}>{risk}</span>;
}

export function Reasons({ result }: { result: ScreenResult }) {
  if (result.reasons.length === 0)
    return <span className="muted">Nothing known to this hub that you may read.</span>;
  return (
    <ul className="reasons">
      {result.reasons.map((r) => (
        <li key={`${r.kind}-${r.source}-${r.detail}`}>
          <RiskBadge risk={r.risk} /> <strong>{r.category}</strong> <span className="type">{r.kind}</span>{' '}
          <span>{r.detail}</span> <span className="muted small">— {r.source}</span>
          {r.since && <span className="muted small"> since {r.since.slice(0, 10)}</span>}
          {r.entities.length > 0 && (
            <span className="small">
              {' · '}
              {r.entities.map((e, i) => (
                <span key={e.id}>
                  {i > 0 && ', '}
                  <Link href={objectHref(e.id)}>{e.name}</Link>
                </span>
              ))}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
