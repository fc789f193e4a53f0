const escapeHtml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c] ?? c,
  );

/**
 * Headers of every page the local issuer renders: never cached (a pending request id is in it), never framed
 * (clickjacking), no scripts, styles inline only.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  // Not no-referrer: with it, browsers send `Origin: null` on the form's POST and the guard could not tell it apart.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
} as const;

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #f5f6f8; color: #1b1d21; }
  main { max-width: 24rem; margin: 10vh auto 0; background: #fff; padding: 1.5rem; border-radius: 0.5rem;
         box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input { width: 100%; box-sizing: border-box; font-size: 1rem; padding: 0.6rem; border: 1px solid #6b7280;
          border-radius: 0.25rem; }
  button { margin-top: 1rem; width: 100%; font-size: 1rem; padding: 0.7rem; border: 0; border-radius: 0.25rem;
           background: #1d4ed8; color: #fff; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .note { font-size: 0.9rem; color: #4b5563; }
  .error { color: #b91c1c; font-weight: 600; }
`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

/** What the sign-in form needs: the pending request it completes, and why the last attempt failed. */
export interface SignInForm {
  action: string;
  requestId: string;
  clientName: string;
  username?: string;
  error?: string;
}

/**
 * The local hosted UI: one field, one button. The pending request id in a hidden field is what the POST completes;
 * it is unguessable and single-use, and the gateway only takes the POST from the endpoint's own origin (CSRF).
 */
export function signInPage(form: SignInForm): string {
  const invalid = form.error !== undefined;
  return page(
    'Sign in – Spendwise local issuer',
    `<h1>Sign in to ${escapeHtml(form.clientName)}</h1>
<p class="note">This is the <strong>local issuer</strong> of the Spendwise local cloud, not Amazon Cognito: there are no passwords, and any user name signs in. The same user name always gets the same account.</p>
<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(form.requestId)}">
<label for="username">User name</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="128" autofocus${invalid ? ' aria-invalid="true" aria-describedby="username-error"' : ''} value="${escapeHtml(form.username ?? '')}">
${invalid ? `<p id="username-error" class="error" role="alert">${escapeHtml(form.error!)}</p>` : ''}
<button type="submit">Sign in</button>
</form>`,
  );
}

/** The plain page for a request that cannot be sent back to the app (RFC 6749 §4.1.2.1: never redirect then). */
export function errorPage(code: string, description: string): string {
  return page(
    'Sign-in error – Spendwise local issuer',
    `<h1>Sign-in cannot continue</h1>
<p role="alert">${escapeHtml(description)}</p>
<p class="note">Error code: <code>${escapeHtml(code)}</code>. Go back to the app and sign in again.</p>`,
  );
}
