import type { HttpRequest } from '@spendwise/lambda-kit/http';

/** Event metadata taken from the request that caused the event. */
export const eventContext = (request: Pick<HttpRequest, 'userId' | 'correlationId' | 'requestId'>) => ({
  userId: request.userId,
  correlationId: request.correlationId,
  causationId: request.requestId,
});
