import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { setUnauthorisedListener } from './api.ts';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/states.tsx';
import { forgetMe } from './me.ts';
import { forgetObjects } from './object-index.ts';
import { Actor } from './pages/actor.tsx';
import { Actors } from './pages/actors.tsx';
import { Alerts } from './pages/alerts.tsx';
import { Dashboard } from './pages/dashboard.tsx';
import { NotYet } from './pages/not-yet.tsx';
import { ObjectView } from './pages/object-view.tsx';
import { Screen } from './pages/screen.tsx';
import { Search } from './pages/search.tsx';
import { Share } from './pages/share.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { navigate, useLocation } from './router.ts';
import { clearKey, getKey } from './session.ts';

// cytoscape is the console's largest dependency: only the graph page loads it.
const Trace = lazy(() => import('./pages/trace.tsx'));

function Page({ path }: { path: string }) {
  const param = (prefix: string) => decodeURIComponent(path.slice(prefix.length));
  if (path === '/') return <Dashboard />;
  if (path === '/search') return <Search />;
  if (path === '/actors') return <Actors />;
  if (path.startsWith('/actors/')) return <Actor id={param('/actors/')} />;
  if (path.startsWith('/objects/')) return <ObjectView id={param('/objects/')} />;
  if (path === '/share') return <Share />;
  if (path === '/screen') return <Screen />;
  if (path === '/trace')
    return (
      <Suspense fallback={<Loading what="the investigation graph" />}>
        <Trace />
      </Suspense>
    );
  if (path === '/alerts') return <Alerts />;
  return <NotYet feature={`The page ${path}`} endpoint={path} />;
}

export function App() {
  const { path } = useLocation();
  const [signedIn, setSignedIn] = useState(getKey() !== null);
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    setUnauthorisedListener(() => {
      forgetObjects();
      forgetMe();
      setNotice('The hub no longer accepts your key (revoked or expired). Sign in again.');
      setSignedIn(false);
    });
  }, []);
  const signOut = useCallback(() => {
    clearKey();
    forgetObjects();
    forgetMe();
    setNotice('Signed out. The key was removed from this tab.');
    setSignedIn(false);
    navigate('/');
  }, []);
  useEffect(() => {
    if (path === '/' && signedIn) document.title = 'Dashboard — Bulwark';
  }, [path, signedIn]);
  if (!signedIn) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={() => {
          setNotice(undefined);
          setSignedIn(true);
        }}
      />
    );
  }
  return (
    <Layout onSignOut={signOut}>
      <Page key={path} path={path} />
    </Layout>
  );
}
