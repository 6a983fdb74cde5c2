import { labelOf } from '../object-index.ts';
import type { ObjectPage } from '../types.ts';
import { TlpBadge } from './tlp-badge.tsx';

/** Name, type, marking, author and dates: the same head on object and actor pages. */
export function ObjectHeader({ page }: { page: ObjectPage }) {
  const o = page.object;
  return (
    <div className="page-head">
      <p className="eyebrow">
        <span className="type">{o.type}</span>
      </p>
      <h1>{labelOf(o)}</h1>
      <dl className="meta">
        <div>
          <dt>Marking</dt>
          <dd>
            <TlpBadge tlp={page.tlp} />
          </dd>
        </div>
        <div>
          <dt>Author</dt>
          <dd>{page.author.name ?? page.author.id}</dd>
        </div>
        {o.modified && (
          <div>
            <dt>Modified</dt>
            <dd>{o.modified.slice(0, 10)}</dd>
          </div>
        )}
        <div>
          <dt>Added to hub</dt>
          <dd>{page.date_added.slice(0, 10)}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code className="id">{o.id}</code>
          </dd>
        </div>
      </dl>
    </div>
  );
}
