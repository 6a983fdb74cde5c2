import { useEffect } from 'react';
import { Link } from '../components/link.tsx';

/** A feature the hub does not serve (yet): say so plainly, and what to do instead. */
export function NotYet({ feature, endpoint }: { feature: string; endpoint: string }) {
  useEffect(() => {
    document.title = `${feature} — Bulwark`;
  }, [feature]);
  return (
    <>
      <div className="page-head">
        <h1>{feature}</h1>
      </div>
      <div className="state state-empty" data-testid="not-available">
        <strong>{feature} is not available on this hub yet.</strong>
        <p className="muted">
          This hub’s API (<code>/api/v1/openapi.json</code>) has no <code>{endpoint}</code> endpoint. When the
          hub is upgraded to one that serves it, this page will use it. Until then,{' '}
          <Link href="/search">search</Link> finds addresses the hub already knows.
        </p>
      </div>
    </>
  );
}
