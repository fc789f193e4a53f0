import type { MiddlewareObj } from '@middy/core';
import { HttpProblemError } from './HttpProblemError';
import type { HttpEvent } from './types';

/**
 * Rejects a request without a body with 400 VALIDATION_FAILED, ahead of the JSON body parser (which would
 * otherwise answer 415 for a body-less request that has no content type). Used when a route declares a body schema.
 *
 * @example
 * middy(handler).use(requireBody()).use(httpJsonBodyParser());
 */
export const requireBody = (): MiddlewareObj<HttpEvent> => {
  const before = ({ event }: { event: HttpEvent }): void => {
    if (event.body === undefined || event.body === null || event.body === '') {
      throw new HttpProblemError(400, 'VALIDATION_FAILED', 'A request body is required', {
        errors: [{ path: '/body', message: 'is required' }],
      });
    }
  };
  return { before };
};
