import { SNSClient } from '@aws-sdk/client-sns';
import { traceClient } from '@spendwise/lambda-kit/observability';

/** The function's one SNS client, created at cold start and traced; endpoint from AWS_ENDPOINT_URL(_SNS). */
export const snsClient = traceClient(new SNSClient({}));
