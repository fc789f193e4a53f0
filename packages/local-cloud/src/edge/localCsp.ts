/**
 * A template's Content-Security-Policy made to work on the local edge: the app signs in against the local
 * issuer on the AWS endpoint (`http://127.0.0.1:4566/<poolId>`), not Cognito, so that origin joins `connect-src`
 * (discovery, token) and `form-action`; and `upgrade-insecure-requests` is dropped, the local edge speaking plain
 * HTTP. Everything else stays as deployed. Undefined when nothing had to change.
 *
 * @example localCsp("default-src 'self'; connect-src 'self'", 'http://127.0.0.1:4566') // "default-src 'self'; connect-src 'self' http://127.0.0.1:4566"
 */
export function localCsp(policy: string, awsOrigin: string): string | undefined {
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
  const adapted = directives
    .filter((directive) => directive.toLowerCase() !== 'upgrade-insecure-requests')
    .map((directive) => {
      const [name = ''] = directive.split(/\s+/);
      if (!['connect-src', 'form-action'].includes(name.toLowerCase())) return directive;
      const sources = directive.split(/\s+/).slice(1);
      return sources.includes(awsOrigin) || sources.includes("'none'")
        ? directive
        : `${directive} ${awsOrigin}`;
    });
  const result = adapted.join('; ');
  return result === directives.join('; ') ? undefined : result;
}
