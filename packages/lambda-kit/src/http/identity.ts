import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { correlationIdOf } from './correlationId';
import { HttpProblemError } from './HttpProblemError';
import type { HttpContext, HttpEvent, Identity } from './types';

export interface IdentityOptions {
  /** Every one of these must be in the token's `scope` claim. */
  requiredScopes?: string[];
  /** Receives the `correlationId` log key. */
  logger?: Pick<Logger, 'appendKeys'>;
}

const defaults: Required<IdentityOptions> = { requiredScopes: [], logger: { appendKeys: () => {} } };

/** The caller from the JWT authorizer's claims, and nowhere else: never from a path, query, header or body. */
const identityOf = (event: HttpEvent): Identity => {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new HttpProblemError(401, 'UNAUTHENTICATED', 'A valid access token is required');
  }
  // API Gateway's JWT authorizer lets a Cognito ID token through a route without scopes (its `aud` is the
  // client id): only an access token may call the API.
  if (claims?.token_use !== 'access') {
    throw new HttpProblemError(
      401,
      'NOT_AN_ACCESS_TOKEN',
      'An access token is required; an ID token or a token without token_use cannot call the API',
    );
  }
  const scope = claims?.scope;
  const scopes = typeof scope === 'string' ? scope.split(' ').filter((s) => s !== '') : [];
  return { userId: sub, scopes };
};

/**
 * Establishes who is calling and the correlation id: sets `context.caller` and `context.correlationId` and adds
 * `correlationId` to the logger. No `sub` claim → 401 UNAUTHENTICATED; a `token_use` other than `access` (an ID
 * token) → 401 NOT_AN_ACCESS_TOKEN; a required scope missing → 403 INSUFFICIENT_SCOPE.
 *
 * @example
 * middy(handler).use(identity({ requiredScopes: ['expenses/write'], logger }));
 */
export const identity = (
  options: IdentityOptions = {},
): MiddlewareObj<HttpEvent, unknown, Error, HttpContext> => {
  const requiredScopes = options.requiredScopes ?? defaults.requiredScopes;
  const logger = options.logger ?? defaults.logger;
  const before = ({ event, context }: { event: HttpEvent; context: HttpContext }): void => {
    const correlationId = correlationIdOf(event);
    context.correlationId = correlationId;
    logger.appendKeys({ correlationId });
    const caller = identityOf(event);
    const missing = requiredScopes.filter((scope) => !caller.scopes.includes(scope));
    if (missing.length > 0) {
      throw new HttpProblemError(
        403,
        'INSUFFICIENT_SCOPE',
        `The access token lacks scope ${missing.join(', ')}`,
      );
    }
    context.caller = caller;
  };
  return { before };
};
