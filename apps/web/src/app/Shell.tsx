import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso/router';
import { useApp } from './context';

const NAV: Array<{ href: string; label: string }> = [
  { href: '/', label: 'Expenses' },
  { href: '/insights', label: 'Insights' },
  { href: '/reports', label: 'Reports' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/categories', label: 'Categories' },
  { href: '/budgets', label: 'Budgets' },
  { href: '/merchant-rules', label: 'Merchant rules' },
  { href: '/preferences', label: 'Preferences' },
];

/** Header with the navigation and the person's name, the main landmark, and the polite live region. */
export function Shell({
  children,
  liveMessage,
  onSignOut,
}: {
  children: ComponentChildren;
  liveMessage: string;
  onSignOut: () => void;
}) {
  const { path } = useLocation();
  const { user, unread } = useApp();
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="top__bar">
          <a class="brand" href="/">
            <span class="brand__mark" aria-hidden="true" />
            Spendwise
          </a>
          <div class="top__user">
            <span class="top__name" title={user}>
              {user}
            </span>
            <button type="button" class="button button--quiet" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
        <nav aria-label="Main" class="nav">
          <ul>
            {NAV.map((item) => {
              const current =
                item.href === '/' ? path === '/' || path === '/expenses' : path.startsWith(item.href);
              return (
                <li key={item.href}>
                  <a href={item.href} aria-current={current ? 'page' : undefined}>
                    {item.label}
                    {item.href === '/inbox' && unread > 0 && (
                      <span class="badge">
                        {unread}
                        <span class="visually-hidden"> unread</span>
                      </span>
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {liveMessage}
      </div>
    </>
  );
}
