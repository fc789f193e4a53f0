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
    throw new HttpProblemError(400, 'INVALID_IF_MATCH', 'If-Match must be the ETag of a version, e.g. "3"');
  }
  return Number(match[1]);
}

/** Like expectedVersion, but the header is required (428 without it). */
export function requiredVersion(ifMatch: string | undefined): number {
  const expected = expectedVersion(ifMatch);
  if (expected === undefined) {
    throw new HttpProblemError(
      428,
      'PRECONDITION_REQUIRED',
      'Send If-Match with the ETag of the version you read',
    );
  }
  return expected;
}

/** Rejects a request whose If-Match names another version than the stored one. */
export function assertCurrentVersion(expected: number | undefined, current: number): void {
  if (expected !== undefined && expected !== current) {
    throw new HttpProblemError(
      412,
      'VERSION_MISMATCH',
      `The item is at version ${current}; re-read it and apply your change again`,
      { currentVersion: current },
    );
  }
}

/** The strong entity tag of one item version, as sent in ETag and expected in If-Match. */
export const versionTag = (item: { version: number }) => `"${item.version}"`;
