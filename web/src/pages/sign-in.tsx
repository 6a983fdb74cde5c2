import { type FormEvent, useEffect, useRef, useState } from 'react';
import { whoAmI } from '../me.ts';
import { setKey } from '../session.ts';
import { asApiError } from '../use-api.ts';

/** Checks the key against the hub (GET /me: whose key it is) before keeping it for this tab. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string | undefined }) {
  const [key, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    document.title = 'Sign in — Bulwark';
    performance.mark('bulwark:sign-in-ready');
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Paste the API key your hub administrator gave you.');
    setBusy(true);
    setError(null);
    try {
      await whoAmI(trimmed);
      setKey(trimmed);
      onSignedIn();
    } catch (e) {
      const failure = asApiError(e);
      setError(
        failure.status === 401
          ? 'The hub does not accept this key: it may be mistyped, revoked or for another hub.'
          : `${failure.message}. ${failure.hint ?? ''}`,
      );
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Bulwark
        </div>
        <h1 id="signin-title">Sign in to the analyst console</h1>
        <p className="muted">
          Use an API key of your organisation (<code>bulwark key create</code>). It is kept in this tab only
          and forgotten when you close it.
        </p>
        {notice && <p className="notice">{notice}</p>}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          ref={input}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setValue(event.target.value)}
          placeholder="bwk_…"
          aria-invalid={error !== null}
          aria-describedby={error ? 'signin-error' : undefined}
        />
        {error && (
          <p id="signin-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
