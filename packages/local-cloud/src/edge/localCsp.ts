/** A bucket's regional S3 origin, as a deployed policy names the receipts bucket (services/edge). */
const S3_BUCKET_ORIGIN = /^https:\/\/[a-z0-9.-]+\.s3\.[a-z0-9-]+\.amazonaws\.com$/;

/**
 * A template's Content-Security-Policy made to work on the local edge: the app signs in against the local
 * issuer on the AWS endpoint (`http://127.0.0.1:4566/<poolId>`), not Cognito, so that origin joins `connect-src`
 * (discovery, token) and `form-action`; a bucket's S3 origin (the receipts the app uploads and shows) becomes the
 * AWS endpoint too, where the local S3 serves every bucket path-style; and `upgrade-insecure-requests` is dropped,
 * the local edge speaking plain HTTP. Everything else stays as deployed. Undefined when nothing had to change.
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
      const [name = '', ...named] = directive.split(/\s+/);
      const local = named.map((source) => (S3_BUCKET_ORIGIN.test(source) ? awsOrigin : source));
      const sources = local.filter((source, index) => local.indexOf(source) === index);
      const needsIssuer = ['connect-src', 'form-action'].includes(name.toLowerCase());
      if (needsIssuer && !sources.includes(awsOrigin) && !sources.includes("'none'")) sources.push(awsOrigin);
      return [name, ...sources].join(' ');
    });
  const result = adapted.join('; ');
  return result === directives.join('; ') ? undefined : result;
}
