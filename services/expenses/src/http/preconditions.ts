import { HttpProblemError } from '@spendwise/lambda-kit/http';

const STRONG_ETAG = /^"([1-9][0-9]{0,9})"$/;

/**
 * Reads the version a client expects from If-Match. Returns undefined when the header is absent;
 * a header that is not one of our ETags is a 400, since it can never match.
 */
export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = STRONG_ETAG.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw new HttpProblemError(
      400,
      'INVALID_IF_MATCH',
      'If-Match must be the ETag of an expense version, e.g. "3"',
    );
  }
  return Number(match[1]);
}

/** Rejects a request whose If-Match names an older version than the stored one. */
export function assertCurrentVersion(expected: number, current: number): void {
  if (expected !== current) {
    throw new HttpProblemError(
      412,
      'VERSION_MISMATCH',
      `The expense is at version ${current}; re-read it and apply your change again`,
      { currentVersion: current },
    );
  }
}
