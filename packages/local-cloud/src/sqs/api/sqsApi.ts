import type { AwsApi, AwsRequest, AwsResponse } from '../../core/protocol';
import { invalidParameter, sqsError } from '../errors';
import type { ApiDeps, Input } from './input';
import { messageActions } from './messageActions';
import { queueActions } from './queueActions';

const ACTIONS = { ...queueActions, ...messageActions };

/** The SQS API on the shared endpoint: AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Action>`), as SDK v3 and CLI v2 speak it. */
export class SqsApi implements AwsApi {
  readonly services = ['sqs'] as const;

  constructor(private readonly deps: ApiDeps) {}

  async handle(request: AwsRequest): Promise<AwsResponse> {
    if (request.protocol !== 'json') {
      // Old clients still speak the query protocol; answering them in JSON would confuse them more than this.
      throw sqsError(
        'UnsupportedOperation',
        'The local SQS speaks the AWS JSON protocol only; use SDK v3 or AWS CLI v2.',
      );
    }
    const handler = ACTIONS[request.action];
    if (!handler)
      throw sqsError('UnsupportedOperation', `The local SQS does not implement ${request.action}.`);
    const body = await handler(parseBody(request.body), this.deps);
    return { status: 200, body };
  }
}

function parseBody(body: Buffer): Input {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Input;
  } catch {
    // falls through to the SQS error below
  }
  throw invalidParameter('The request body is not a JSON object.');
}
