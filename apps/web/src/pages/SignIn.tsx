import { useEffect, useRef, useState } from 'preact/hooks';
import type { RuntimeConfig } from '../config';
import { ProblemNotice } from '../ui/parts';

/** The page before signing in, and after a session ended (it then says so and returns to the same place). */
export function SignIn({
  config,
  expired,
  error,
}: {
  config: RuntimeConfig;
  expired: boolean;
  error?: unknown;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(error);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = 'Sign in · Spendwise';
    heading.current?.focus();
  }, []);
  const start = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { signIn } = await import('../auth/oidc');
      await signIn(config, `${location.pathname}${location.search}`);
    } catch (caught) {
      setFailure(caught);
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <div class="sign-in__card">
        <p class="brand">
          <span class="brand__mark" aria-hidden="true" />
          Spendwise
        </p>
        <h1 tabIndex={-1} ref={heading}>
          {expired ? 'Your session has ended' : 'Welcome to Spendwise'}
        </h1>
        <p>
          {expired
            ? 'Sign in again to continue where you left off.'
            : 'Track what you spend, set budgets, and see where your money goes each month.'}
        </p>
        <ProblemNotice error={failure} title="Signing in failed." />
        <button type="button" class="button button--primary button--large" onClick={start} disabled={busy}>
          {busy ? 'Opening sign-in…' : 'Sign in'}
        </button>
      </div>
    </main>
  );
}
