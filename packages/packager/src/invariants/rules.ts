import type { CfnTemplate } from '../template';
import type { RuleContext } from './cfn';

/** Every invariant a Spendwise template keeps, with the sentence that defines it. */
export const RULES = {
  'lambda-runtime': 'every function runs on nodejs24.x',
  'lambda-arm64': 'every function runs on arm64 (Architectures: [arm64])',
  'lambda-tracing':
    'every function has X-Ray active tracing, except the outbox relays and monitors, which may pass the trace through (ADR 35)',
  'lambda-own-role':
    'every function has its own IAM role, defined in the template and used by no other function',
  'lambda-xray-permissions':
    "a traced function's role allows xray:PutTraceSegments and xray:PutTelemetryRecords (Lambda rejects active tracing without them)",
  'iam-no-wildcard-action': 'no Allow statement grants Action "*" or "<service>:*" (nor uses NotAction)',
  'iam-no-wildcard-resource':
    'no Allow statement uses Resource "*" (nor NotResource) unless every action only supports "*", or it is a state machine role\'s CloudWatch Logs log delivery (the actions AWS documents on "*")',
  'iam-managed-policy': 'roles carry no managed policy ARNs, whose statements cannot be checked here',
  'queue-dlq':
    'every queue that is not itself a dead-letter queue, and every consumed queue, has a redrive policy',
  'queue-visibility-timeout': "a consumed queue's VisibilityTimeout is at least 6 × its consumer's Timeout",
  'partial-batch-responses':
    'every SQS, DynamoDB-stream and Kinesis event source mapping reports batch item failures',
  'stream-bounded-retries': 'every stream event source mapping has a bounded MaximumRetryAttempts (0-10000)',
  'stream-on-failure-destination': 'every stream event source mapping has an on-failure destination',
  'rule-target-dlq': 'every EventBridge rule and schedule target has a DeadLetterConfig.Arn',
  'rule-target-retry-policy': 'every EventBridge rule and schedule target has a RetryPolicy',
  'table-on-demand': 'every DynamoDB table is on-demand (BillingMode PAY_PER_REQUEST)',
  'table-pitr': 'every DynamoDB table has point-in-time recovery enabled',
  'table-backup':
    'every DynamoDB table of the stage is named by an AWS Backup selection (services/backup), across all templates',
  'table-encryption': 'every DynamoDB table has explicit encryption (SSESpecification.SSEEnabled: true)',
  'http-route-jwt': 'every HTTP API route uses a JWT authorizer (AuthorizationType JWT + AuthorizerId)',
  'log-group-retention': 'every log group has RetentionInDays',
  'alarms-present': 'a template with functions has at least one CloudWatch alarm',
  'alarm-missing-data':
    'every metric alarm treats missing data as notBreaching: it leaves INSUFFICIENT_DATA once, and an ALARM always ends with an OK from ALARM, the only OK the ops router reports (docs/ops-alerting.md)',
  'alarm-notifies-ops':
    'every alarm has actions enabled and notifies the alarms topic (routed to ops-alerts), ops-alerts itself, or a topic of the template subscribed to the ops queue the alarms topic feeds',
  'async-failure-destination':
    'every asynchronously invoked function (EventBridge, scheduler, SNS, S3, logs) has an on-failure destination or DLQ',
  'bucket-not-public':
    'every S3 bucket (but osls\'s deployment bucket) blocks public access (all four settings true) and no bucket policy allows Principal "*" without a condition',
  'bucket-encryption': "every S3 bucket (but osls's deployment bucket) has BucketEncryption",
  'bucket-versioning': "every S3 bucket (but osls's deployment bucket) has versioning enabled",
  'bucket-tls-only':
    "every S3 bucket (but osls's deployment bucket) has a bucket policy denying every request without aws:SecureTransport",
  'bucket-lifecycle':
    "every S3 bucket (but osls's deployment bucket) expires noncurrent versions and aborts incomplete multipart uploads",
  'bucket-cors-origins':
    'no S3 bucket CORS rule allows origin "*": browsers reach a bucket only from the app\'s origin',
  'cloudfront-oac':
    'every S3 origin of a distribution uses Origin Access Control, never a legacy origin access identity',
  'cloudfront-https': 'every cache behaviour redirects viewers to HTTPS or accepts HTTPS only',
  'cloudfront-waf': 'every CloudFront distribution has an AWS WAF web ACL (WebACLId)',
  'waf-logging': 'every WAF web ACL has a logging configuration',
  'origin-secret-readers':
    'when functions carry ORIGIN_SECRET_ID, every function API Gateway invokes has a role allowed secretsmanager:GetSecretValue',
  'platform-owned':
    "only the platform service defines the stage's event bus and its alarms and ops-alerts topics",
} as const;

export type RuleId = keyof typeof RULES;

/** One broken invariant, naming the resource and the rule. */
export interface Violation {
  rule: RuleId;
  /** Logical id of the offending resource (`(template)` for rules about the whole template). */
  resource: string;
  message: string;
}

/** A rule module: reads the context, returns what it finds wrong. */
export type Rule = (context: RuleContext) => Violation[];

/** Builds a violation whose message names service, resource, type and rule. */
export function violation(context: RuleContext, rule: RuleId, resource: string, detail: string): Violation {
  const type = resourceType(context.template, resource);
  return {
    rule,
    resource,
    message: `${context.service}: ${resource}${type ? ` (${type})` : ''} breaks ${rule}: ${detail}`,
  };
}

function resourceType(template: CfnTemplate, id: string): string | undefined {
  return template.Resources[id]?.Type;
}
