import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import lazy from 'preact-iso/lazy';
import { LocationProvider, Route, Router } from 'preact-iso/router';
import { createApi } from '../api';
import {
  currentSession,
  forgetSession,
  renewableSession,
  type Session,
  sessionExpired,
  signOut,
} from '../auth/session';
import type { RuntimeConfig } from '../config';
import { Budgets } from '../pages/Budgets';
import { Categories } from '../pages/Categories';
import { Expenses } from '../pages/Expenses';
import { Inbox } from '../pages/Inbox';
import { MerchantRules } from '../pages/MerchantRules';
import { NotFound } from '../pages/NotFound';
import { Preferences } from '../pages/Preferences';
import { Reports } from '../pages/Reports';
import { SignIn } from '../pages/SignIn';
import { App as AppContext } from './context';
import { Shell } from './Shell';

// The charts library is only needed on the insights page: it loads with it.
const Insights = lazy(() => import('../pages/Insights').then((m) => m.Insights));

const UNREAD_REFRESH_MS = 60_000;

/** Moves focus to the new page's heading and names it, so keyboard and screen-reader users know where they are. */
function focusPage() {
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      document.title = `${heading.textContent} · Spendwise`;
      heading.focus();
    }
  });
}

export function Root({ config, signInError }: { config: RuntimeConfig; signInError?: unknown }) {
  const [session, setSession] = useState<Session | undefined>(() => currentSession() ?? renewableSession());
  const [expired, setExpired] = useState(sessionExpired);
  const [liveMessage, setLiveMessage] = useState('');
  const [unread, setUnread] = useState(0);
  const renewing = useRef<Promise<Session | undefined> | undefined>(undefined);

  const endSession = useCallback(() => {
    forgetSession();
    setExpired(true);
    setSession(undefined);
  }, []);

  // The session with a live access token: renewed with the refresh token once it runs out (one renewal at a
  // time, whoever asks), or undefined (back to sign-in) when the issuer refuses to renew it.
  const liveSession = useCallback(async (): Promise<Session | undefined> => {
    const live = currentSession();
    if (live) return live;
    const refreshToken = renewableSession()?.refreshToken;
    if (!refreshToken) return undefined;
    renewing.current ??= import('../auth/oidc')
      .then(({ renewSession }) => renewSession(config, refreshToken))
      .then(
        (renewed) => {
          setSession(renewed);
          return renewed;
        },
        () => {
          endSession();
          return undefined;
        },
      )
      .finally(() => {
        renewing.current = undefined;
      });
    return renewing.current;
  }, [config, endSession]);

  const api = useMemo(
    () =>
      createApi({
        base: config.apiBase,
        token: async () => (await liveSession())?.accessToken,
        onUnauthorized: endSession,
      }),
    [config, liveSession, endSession],
  );

  // A token that runs out while the page is open is renewed then; without a refresh token, or when the issuer
  // refuses, that leads back to sign-in.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      () => {
        if (session.refreshToken) void liveSession();
        else endSession();
      },
      Math.max(0, session.expiresAt - 30_000 - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session, liveSession, endSession]);

  const announce = useCallback((message: string) => {
    // Cleared first so that the same message twice is read twice.
    setLiveMessage('');
    setTimeout(() => setLiveMessage(message), 50);
  }, []);

  const refreshUnread = useCallback(() => {
    if (!currentSession()) return;
    api.notifications
      .list({ unread: true, limit: 1 })
      .then((inbox) => setUnread(inbox.unreadCount))
      .catch(() => undefined);
  }, [api]);

  useEffect(() => {
    if (!session) return;
    refreshUnread();
    const timer = setInterval(refreshUnread, UNREAD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [session, refreshUnread]);

  if (!session) return <SignIn config={config} expired={expired} error={signInError} />;

  return (
    <AppContext.Provider value={{ config, api, user: session.user, announce, unread, refreshUnread }}>
      <LocationProvider>
        <Shell liveMessage={liveMessage} onSignOut={() => signOut(config)}>
          <Router
            onRouteChange={() => {
              focusPage();
              refreshUnread();
            }}
            onLoadEnd={focusPage}
          >
            <Route path="/" component={Expenses} />
            <Route path="/expenses" component={Expenses} />
            <Route path="/insights" component={Insights} />
            <Route path="/reports" component={Reports} />
            <Route path="/reports/:id" component={Reports} />
            <Route path="/inbox" component={Inbox} />
            <Route path="/categories" component={Categories} />
            <Route path="/budgets" component={Budgets} />
            <Route path="/merchant-rules" component={MerchantRules} />
            <Route path="/preferences" component={Preferences} />
            <Route default component={NotFound} />
          </Router>
        </Shell>
      </LocationProvider>
    </AppContext.Provider>
  );
}
