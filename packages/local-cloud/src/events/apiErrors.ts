import { AwsApiError } from '../core/errors';

/** The errors the EventBridge API answers with, by their AWS codes. */
export const validationError = (message: string) => new AwsApiError(400, 'ValidationException', message);

export const notFoundError = (message: string) => new AwsApiError(400, 'ResourceNotFoundException', message);

export const alreadyExistsError = (message: string) =>
  new AwsApiError(400, 'ResourceAlreadyExistsException', message);

export const limitExceededError = (message: string) =>
  new AwsApiError(400, 'LimitExceededException', message);

export const invalidPatternError = (message: string) =>
  new AwsApiError(400, 'InvalidEventPatternException', message);

/** A required request member that is missing, worded as AWS's request validation words it. */
export const missingMemberError = (member: string) =>
  validationError(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
