import { type ReactNode, useEffect, useRef, useState } from 'react';
import { whoAmI } from '../me.ts';
import { navigate, searchHref, useLocation } from '../router.ts';
import { useLoad } from '../use-api.ts';
import { Link } from './link.tsx';

/** Each section with its `g` shortcut (press g, then the letter). */
const NAV = [
  { href: '/', label: 'Dashboard', key: 'd' },
  { href: '/search', label: 'Search', key: 's' },
  { href: '/actors', label: 'Threat actors', key: 'a' },
  { href: '/share', label: 'Share incident', key: 'i' },
  { href: '/screen', label: 'Screening', key: 'c' },
  { href: '/trace', label: 'Tracing', key: 't' },
  { href: '/alerts', label: 'Alerts', key: 'l' },
];

function Who() {
  const [me] = useLoad(() => whoAmI(), []);
  if (me.status !== 'ready') return null;
  const m = me.data;
  return (
    <span
      className="who small"
      data-testid="who"
      title={`Key ${m.key_id}; communities: ${m.communities.map((c) => c.name).join(', ') || 'none'}`}
    >
      {m.organisation.name} <span className="muted">· {m.role}</span>
    </span>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** The frame of every signed-in page: the bar with search (press /), the navigation, the content. */
export function Layout({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  const { path, query } = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(path === '/search' ? (query.get('q') ?? '') : '');
  const [help, setHelp] = useState(false);
  useEffect(() => {
    let prefix = 0;
    const key = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Escape') return setHelp(false);
      if (event.key === '?') return setHelp((h) => !h);
      const target = Date.now() - prefix < 1500 ? NAV.find((n) => n.key === event.key) : undefined;
      prefix = event.key === 'g' ? Date.now() : 0;
      if (target) {
        event.preventDefault();
        navigate(target.href);
        document.getElementById('main')?.focus();
        return;
      }
      if (event.key !== '/') return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);
  const searched = path === '/search' ? (query.get('q') ?? '') : null;
  useEffect(() => {
    if (searched !== null) setQ(searched);
  }, [searched]);
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Bulwark <span className="brand-sub">analyst console</span>
        </Link>
        <search className="topsearch">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (q.trim()) navigate(searchHref(q.trim()));
            }}
          >
            <input
              ref={input}
              id="global-search"
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder="Search an address, IP, domain, hash or actor"
              aria-label="Search the hub"
              autoComplete="off"
              spellCheck={false}
            />
            <kbd title="Press / to search">/</kbd>
          </form>
        </search>
        <Who />
        <button type="button" className="button button-quiet signout" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Sections">
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
            {item.label}
          </Link>
        ))}
        <button
          type="button"
          className="link-button small muted shortcuts-hint"
          onClick={() => setHelp((h) => !h)}
        >
          Keyboard: <kbd>?</kbd>
        </button>
      </nav>
      {help && (
        <aside className="panel shortcuts" aria-label="Keyboard shortcuts" data-testid="shortcuts">
          <h2>Keyboard shortcuts</h2>
          <dl>
            <div>
              <dt>
                <kbd>/</kbd>
              </dt>
              <dd>Search</dd>
            </div>
            {NAV.map((n) => (
              <div key={n.key}>
                <dt>
                  <kbd>g</kbd> <kbd>{n.key}</kbd>
                </dt>
                <dd>{n.label}</dd>
              </div>
            ))}
            <div>
              <dt>
                <kbd>?</kbd> / <kbd>Esc</kbd>
              </dt>
              <dd>Show or hide this list</dd>
            </div>
          </dl>
        </aside>
      )}
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
