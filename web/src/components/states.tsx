import type { ReactNode } from 'react';
import type { ApiError } from '../api.ts';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

/** What went wrong, the hub's hint if it gave one, and a way to try again. */
export function ErrorState({ error, retry, what }: { error: ApiError; retry?: () => void; what: string }) {
  const next =
    error.hint ??
    (error.status === 403
      ? 'Your key’s role does not allow this; ask your hub administrator for a key with the right role.'
      : error.status === 404
        ? 'It does not exist, or it is not shared with your organisation.'
        : error.status === 0
          ? 'Check that the hub is running and reachable, then try again.'
          : 'Try again; if it persists, the hub’s log has the details.');
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load {what}.</strong> <span>{error.message}</span>
      <p className="muted">{next}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}
