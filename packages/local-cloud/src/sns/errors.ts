import { AwsApiError } from '../core/errors';

/** `InvalidParameter` as SNS answers it: `Invalid parameter: <what>`. */
export const invalidParameter = (what: string) =>
  new AwsApiError(400, 'InvalidParameter', `Invalid parameter: ${what}`);

export const topicNotFound = () => new AwsApiError(404, 'NotFound', 'Topic does not exist');

export const subscriptionNotFound = () => new AwsApiError(404, 'NotFound', 'Subscription does not exist');
