import { type ReactNode, useEffect, useRef, useState } from 'react';
import { navigate, searchHref, useLocation } from '../router.ts';
import { Link } from './link.tsx';

const NAV = [
  { href: '/', label: 'Dashboard' },
  { href: '/search', label: 'Search' },
  { href: '/actors', label: 'Threat actors' },
  { href: '/share', label: 'Share incident' },
  { href: '/screen', label: 'Screening' },
  { href: '/trace', label: 'Tracing' },
];

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
  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event.target) || event.metaKey || event.ctrlKey) return;
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
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
