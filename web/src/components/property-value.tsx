import { plainText } from '../plain-text.ts';
import { objectHref } from '../router.ts';
import type { StixObject } from '../types.ts';
import { Link } from './link.tsx';

type Reference = NonNullable<StixObject['external_references']>[number] & { description?: string };

const STIX_ID = /^[a-z0-9-]+--[0-9a-f-]{36}$/;

function References({ refs }: { refs: Reference[] }) {
  return (
    <ul className="list refs">
      {refs.map((r, i) => (
        <li key={`${r.source_name}-${r.external_id ?? i}`}>
          <strong>{r.source_name}</strong>
          {r.external_id && <span className="mono"> {r.external_id}</span>}
          {r.description && <span className="muted small"> {r.description}</span>}
          {r.url && (
            <>
              {' '}
              <a href={r.url} target="_blank" rel="noreferrer noopener" className="small">
                source ↗
              </a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A STIX property as a person reads it: ids as links, references as a list, the rest as JSON. */
export function PropertyValue({ name, value }: { name: string; value: unknown }) {
  if (name === 'external_references' && Array.isArray(value))
    return <References refs={value as Reference[]} />;
  if (name === 'kill_chain_phases' && Array.isArray(value)) {
    return <>{(value as { phase_name: string }[]).map((p) => p.phase_name).join(', ')}</>;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return (
      <ul className="chips inline">
        {(value as string[]).map((v) => (
          <li key={v}>{STIX_ID.test(v) ? <Link href={objectHref(v)}>{v}</Link> : v}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'string') {
    if (STIX_ID.test(value)) return <Link href={objectHref(value)}>{value}</Link>;
    return <>{name === 'description' ? plainText(value) : value}</>;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return <>{String(value)}</>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
