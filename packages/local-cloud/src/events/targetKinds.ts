import { parseArn } from '../core/arn';

/** The target kinds the local cloud delivers to. */
export type TargetKind = 'lambda' | 'sqs' | 'sns' | 'states' | 'logs' | 'event-bus';

export type TargetClass = { kind: TargetKind; ref: string } | { unsupported: string };

/** Names of target kinds the local cloud does not run, by ARN service, for start-up reports. */
const UNSUPPORTED: Record<string, string> = {
  kinesis: 'Kinesis data stream',
  firehose: 'Data Firehose delivery stream',
  ecs: 'ECS task',
  batch: 'Batch job queue',
  'execute-api': 'API Gateway REST API',
  codebuild: 'CodeBuild project',
  codepipeline: 'CodePipeline pipeline',
  ssm: 'Systems Manager (Run Command / Automation / OpsItem)',
  redshift: 'Redshift cluster',
  'redshift-serverless': 'Redshift Serverless workgroup',
  sagemaker: 'SageMaker pipeline',
  inspector: 'Inspector assessment template',
  appsync: 'AppSync GraphQL API',
  ec2: 'EC2 API call',
};

/**
 * What a target ARN points at. Lambda qualifiers are kept in `ref`; a log group ARN's `:*` suffix is dropped so
 * `ref` is the log group name.
 */
export function classifyTarget(arn: string): TargetClass {
  const parsed = parseArn(arn);
  if (!parsed) return { unsupported: `target '${arn}' (not an ARN)` };
  const { service, resource } = parsed;
  if (service === 'lambda' && resource.startsWith('function:')) return { kind: 'lambda', ref: arn };
  if (service === 'sqs') return { kind: 'sqs', ref: arn };
  if (service === 'sns') return { kind: 'sns', ref: arn };
  if (service === 'states' && resource.startsWith('stateMachine:')) return { kind: 'states', ref: arn };
  if (service === 'logs' && resource.startsWith('log-group:')) {
    return { kind: 'logs', ref: resource.slice('log-group:'.length).replace(/:\*$/, '') };
  }
  if (service === 'events' && resource.startsWith('event-bus/')) return { kind: 'event-bus', ref: arn };
  if (service === 'events' && resource.startsWith('api-destination/'))
    return { unsupported: 'API destination' };
  return { unsupported: UNSUPPORTED[service] ?? `${service} target` };
}
