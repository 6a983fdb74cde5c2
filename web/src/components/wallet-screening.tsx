import { apiGet } from '../api.ts';
import { type ScreenResult, screeningApi } from '../screening.ts';
import { queryOf } from '../trace/trace-query.ts';
import { useLoad } from '../use-api.ts';
import { Link } from './link.tsx';
import { Reasons, RiskBadge } from './screen-result.tsx';
import { ErrorState, Loading } from './states.tsx';

/** A wallet's screening answer on its own page, when the hub screens; nothing at all when it does not. */
export function WalletScreening({ address }: { address: string }) {
  const [state, retry] = useLoad(async () => {
    if ((await screeningApi()) === undefined) return undefined;
    return apiGet<ScreenResult>(`/screen/${encodeURIComponent(address)}`);
  }, [address]);
  if (state.status === 'loading') return <Loading what="the screening answer" />;
  if (state.status === 'error')
    return <ErrorState error={state.error} retry={retry} what="the screening answer" />;
  if (state.data === undefined) return null;
  return (
    <section className="panel" aria-labelledby="wallet-screening">
      <h2 id="wallet-screening">
        Screening: <RiskBadge risk={state.data.risk} />
      </h2>
      <Reasons result={state.data} />
      <p className="small">
        <Link href={queryOf({ seeds: [address] })}>Trace the funds from this address</Link>
      </p>
    </section>
  );
}
