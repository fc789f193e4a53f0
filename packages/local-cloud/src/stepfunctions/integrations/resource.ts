import { parseArn } from '../../core/arn';

/** What a Task state's `Resource` points at. */
export type TaskResource =
  | { kind: 'lambdaFunction'; functionArn: string }
  | { kind: 'integration'; service: string; api: string; key: string }
  | { kind: 'unsupported'; reason: string };

/** The optimized integrations run locally, as `service:api`. */
export const SUPPORTED_INTEGRATIONS = [
  'lambda:invoke',
  'bedrock:invokeModel',
  'events:putEvents',
  'sns:publish',
  'sqs:sendMessage',
  'dynamodb:getItem',
  'dynamodb:putItem',
  'dynamodb:updateItem',
  'dynamodb:deleteItem',
] as const;

/** Classifies a Task `Resource`: a Lambda ARN, a supported `arn:aws:states:::service:api`, or unsupported. */
export function classifyResource(resource: string): TaskResource {
  const arn = parseArn(resource);
  if (!arn) return { kind: 'unsupported', reason: `'${resource}' is not an ARN` };
  if (arn.service === 'lambda' && arn.resource.startsWith('function:')) {
    return { kind: 'lambdaFunction', functionArn: resource };
  }
  if (arn.service !== 'states')
    return { kind: 'unsupported', reason: `resource '${resource}' is not supported` };
  if (arn.resource.startsWith('activity:')) {
    return { kind: 'unsupported', reason: 'activities are not supported locally (no activity workers)' };
  }
  const [service = '', call = ''] = arn.resource.split(/:(.*)/s);
  const [api = '', pattern] = call.split(/\.(.*)/s);
  if (pattern) {
    return {
      kind: 'unsupported',
      reason: `the .${pattern} integration pattern is not supported locally (request/response only)`,
    };
  }
  if (service === 'aws-sdk') {
    return { kind: 'unsupported', reason: `AWS SDK integration '${api}' is not emulated locally` };
  }
  const key = `${service}:${api}`;
  if (!(SUPPORTED_INTEGRATIONS as readonly string[]).includes(key)) {
    return { kind: 'unsupported', reason: `optimized integration '${key}' is not emulated locally` };
  }
  return { kind: 'integration', service, api, key };
}
