/**
 * What a request to the local AWS endpoint must be authorised for: for each API operation, the IAM action(s),
 * the ARNs of the resources it actually touches, and the request's condition-context values (the
 * `dynamodb:LeadingKeys` of its item keys, `events:source` of its entries, …).
 *
 * Input is the operation's parsed input in the SDK's shape (the JSON body, the query form's fields, or the
 * fields of a REST path, see `requestInput`), so one resolver serves the endpoint's APIs and the engines' own
 * calls on behalf of other resources (a rule's delivery to a queue is `{ service: 'sqs', operation:
 * 'SendMessage', input: { QueueUrl: <arn> } }`).
 */
import type { AwsRequest } from '../core/protocol';
import { actionFor, actionsFor, iamPrefixOf } from './actions';

export type ContextValues = Record<string, string | string[]>;

/** One authorisation the request needs: `action` on `resource` with `context`. */
export interface AuthorizationCheck {
  action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  context: ContextValues;
  /** Set when the resource could not be told from the request (e.g. an opaque shard iterator). */
  unresolved?: string;
}

/** An API call as the authoriser sees it. */
export interface IamRequest {
  /** SigV4 signing name: dynamodb, sqs, sns, events, states, lambda, s3, ssm, secretsmanager, bedrock, monitoring… */
  service: string;
  /** API operation name: PutItem, SendMessage, Invoke, HeadObject… */
  operation: string;
  /** The operation's input in the SDK's shape. */
  input: Record<string, unknown>;
  region: string;
  accountId: string;
}

/** What the request alone cannot tell, looked up in the deployment. */
export interface ResourceFacts {
  /** The partition key attribute of a table (for dynamodb:LeadingKeys). */
  partitionKeyOf?(tableName: string): string | undefined;
  /** The full ARN of a secret given by name (secret ARNs end in a random suffix). */
  secretArnOf?(secretId: string): string | undefined;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const arnish = (value: string) => value.startsWith('arn:');
const uniq = <T>(values: T[]) => [...new Set(values)];

/**
 * The checks a request needs, in the order AWS would meet them. An empty list means the operation needs no
 * authorisation the local cloud knows of (the service is not one this module maps).
 *
 * @example authorizationChecks({ service: 'dynamodb', operation: 'Query', input: { TableName: 't', IndexName: 'byMonth' }, region, accountId })
 *   // [{ action: 'dynamodb:Query', resource: 'arn:aws:dynamodb:<region>:<account>:table/t/index/byMonth', context: {} }]
 */
export function authorizationChecks(request: IamRequest, facts: ResourceFacts = {}): AuthorizationCheck[] {
  const resolver = RESOLVERS[iamPrefixOf(request.service)];
  return resolver ? resolver(request, facts) : [];
}

type Resolver = (request: IamRequest, facts: ResourceFacts) => AuthorizationCheck[];

const check = (action: string, resource: string, context: ContextValues = {}): AuthorizationCheck => ({
  action,
  resource,
  context,
});
const star = (request: IamRequest) => [check(actionFor(request.service, request.operation), '*')];
const arnIn = (request: IamRequest, service: string, resource: string, account = request.accountId) =>
  `arn:${partitionOf(request.region)}:${service}:${request.region}:${account}:${resource}`;
export const partitionOf = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

// ---------------------------------------------------------------- DynamoDB and DynamoDB Streams

/** The string form of a DynamoDB attribute value (`{ S: 'x' }` → 'x', `{ N: '1' }` → '1'). */
function scalarOf(value: unknown): string | undefined {
  const typed = record(value);
  for (const type of ['S', 'N', 'B']) if (typeof typed[type] === 'string') return typed[type] as string;
  return undefined;
}

function tableArn(request: IamRequest, nameOrArn: string): string {
  return arnish(nameOrArn) ? nameOrArn : arnIn(request, 'dynamodb', `table/${nameOrArn}`);
}
const tableNameOf = (nameOrArn: string) =>
  arnish(nameOrArn) ? (nameOrArn.split(':table/')[1]?.split('/')[0] ?? nameOrArn) : nameOrArn;

/** Leading keys of items/keys of one table: the partition key's values (all values when the key is unknown). */
function leadingKeys(items: unknown[], partitionKey: string | undefined): string[] {
  return uniq(
    items.flatMap((item) => {
      const attributes = record(item);
      if (partitionKey) {
        const value = scalarOf(attributes[partitionKey]);
        return value === undefined ? [] : [value];
      }
      return [];
    }),
  );
}

/** Names a projection or condition expression reads (`#a, b.c` → ['a', 'b']), through ExpressionAttributeNames. */
function expressionNames(expression: unknown, names: unknown): string[] {
  const text = str(expression);
  if (!text) return [];
  const aliases = record(names);
  return uniq(
    text
      .split(',')
      .map((part) => part.trim().split(/[.[]/)[0] ?? '')
      .filter(Boolean)
      .map((name) => (name.startsWith('#') ? (str(aliases[name]) ?? name) : name)),
  );
}

/** The partition key values a Query's key condition names (`#pk = :pk`, or legacy KeyConditions). */
function queryLeadingKeys(input: Record<string, unknown>, partitionKey: string | undefined): string[] {
  if (!partitionKey) return [];
  const legacy = record(record(input.KeyConditions)[partitionKey]);
  if (legacy.ComparisonOperator === 'EQ') {
    const value = scalarOf(list(legacy.AttributeValueList)[0]);
    return value === undefined ? [] : [value];
  }
  const expression = str(input.KeyConditionExpression);
  if (!expression) return [];
  const names = record(input.ExpressionAttributeNames);
  const values = record(input.ExpressionAttributeValues);
  for (const match of expression.matchAll(/([#\w.]+)\s*=\s*(:\w+)|(:\w+)\s*=\s*([#\w.]+)/g)) {
    const [name, placeholder] = match[1] ? [match[1], match[2]!] : [match[4]!, match[3]!];
    const resolved = name.startsWith('#') ? str(names[name]) : name;
    if (resolved === partitionKey) {
      const value = scalarOf(values[placeholder]);
      return value === undefined ? [] : [value];
    }
  }
  return [];
}

function dynamoContext(input: Record<string, unknown>, extra: ContextValues = {}): ContextValues {
  const context: ContextValues = { ...extra };
  for (const [field, key] of [
    ['Select', 'dynamodb:Select'],
    ['ReturnValues', 'dynamodb:ReturnValues'],
    ['ReturnConsumedCapacity', 'dynamodb:ReturnConsumedCapacity'],
  ] as const) {
    const value = str(input[field]);
    if (value) context[key] = value;
  }
  return context;
}

function withLeading(context: ContextValues, keys: string[], attributes: string[] = []): ContextValues {
  const result = { ...context };
  if (keys.length > 0) result['dynamodb:LeadingKeys'] = keys;
  if (attributes.length > 0) result['dynamodb:Attributes'] = attributes;
  return result;
}

/** One item operation on a table (also the items of transactions and batches). */
function itemCheck(
  request: IamRequest,
  facts: ResourceFacts,
  operation: string,
  input: Record<string, unknown>,
  extra: ContextValues = {},
): AuthorizationCheck {
  const table = str(input.TableName) ?? '';
  const partitionKey = facts.partitionKeyOf?.(tableNameOf(table));
  const item = operation === 'PutItem' ? input.Item : input.Key;
  const attributes =
    operation === 'PutItem'
      ? Object.keys(record(input.Item))
      : expressionNames(input.ProjectionExpression, input.ExpressionAttributeNames);
  return check(
    actionFor('dynamodb', operation),
    tableArn(request, table),
    withLeading(dynamoContext(input, extra), leadingKeys([item], partitionKey), attributes),
  );
}

const TRANSACT_WRITE: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

const DYNAMODB_STAR = new Set([
  'ListTables',
  'ListStreams',
  'DescribeLimits',
  'DescribeEndpoints',
  'ListBackups',
  'ListGlobalTables',
]);

const dynamodb: Resolver = (request, facts) => {
  const { operation, input } = request;
  switch (operation) {
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [itemCheck(request, facts, operation, input)];
    case 'Query':
    case 'Scan': {
      const table = str(input.TableName) ?? '';
      const index = str(input.IndexName);
      const resource = index ? `${tableArn(request, table)}/index/${index}` : tableArn(request, table);
      const keys = operation === 'Query' ? queryLeadingKeys(input, facts.partitionKeyOf?.(table)) : [];
      const attributes = [
        ...expressionNames(input.ProjectionExpression, input.ExpressionAttributeNames),
        ...list(input.AttributesToGet).filter((a): a is string => typeof a === 'string'),
      ];
      return [
        check(
          actionFor('dynamodb', operation),
          resource,
          withLeading(dynamoContext(input), keys, attributes),
        ),
      ];
    }
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.entries(record(input.RequestItems)).map(([table, requests]) => {
        const partitionKey = facts.partitionKeyOf?.(tableNameOf(table));
        const keys =
          operation === 'BatchGetItem'
            ? list(record(requests).Keys)
            : list(requests).map((r) =>
                record(r).PutRequest
                  ? record(record(r).PutRequest).Item
                  : record(record(r).DeleteRequest).Key,
              );
        return check(
          actionFor('dynamodb', operation),
          tableArn(request, table),
          withLeading(dynamoContext(input), leadingKeys(keys, partitionKey)),
        );
      });
    case 'TransactWriteItems':
      return list(input.TransactItems).flatMap((entry) =>
        Object.entries(record(entry))
          .filter(([kind]) => TRANSACT_WRITE[kind])
          .map(([kind, item]) =>
            itemCheck(request, facts, TRANSACT_WRITE[kind]!, record(item), {
              'dynamodb:EnclosingOperation': 'TransactWriteItems',
            }),
          ),
      );
    case 'TransactGetItems':
      return list(input.TransactItems).map((entry) =>
        itemCheck(request, facts, 'GetItem', record(record(entry).Get), {
          'dynamodb:EnclosingOperation': 'TransactGetItems',
        }),
      );
    case 'DescribeStream':
    case 'GetShardIterator':
      return [check(actionFor('dynamodb', operation), str(input.StreamArn) ?? '*')];
    case 'GetRecords': {
      // AWS's shard iterators start with the stream ARN; DynamoDB Local's are opaque.
      const arn = str(input.ShardIterator)?.split('|')[0];
      return arn && /:table\/[^/]+\/stream\//.test(arn)
        ? [check('dynamodb:GetRecords', arn)]
        : [
            {
              ...check('dynamodb:GetRecords', '*'),
              unresolved: 'the shard iterator does not name its stream',
            },
          ];
    }
    case 'RestoreTableToPointInTime': {
      const source = str(input.SourceTableArn) ?? str(input.SourceTableName) ?? '';
      const target = str(input.TargetTableName) ?? '';
      return [
        check('dynamodb:RestoreTableToPointInTime', tableArn(request, source)),
        ...['PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'BatchWriteItem'].map(
          (action) => check(`dynamodb:${action}`, tableArn(request, target)),
        ),
      ];
    }
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsOfResource':
      return [check(actionFor('dynamodb', operation), str(input.ResourceArn) ?? '*')];
    default:
      if (DYNAMODB_STAR.has(operation)) return star(request);
      return [check(actionFor('dynamodb', operation), tableArn(request, str(input.TableName) ?? ''))];
  }
};

// ---------------------------------------------------------------- SQS

/** A queue's ARN from its URL (`http://host/<account>/<name>`), ARN or name. */
export function queueArn(request: Pick<IamRequest, 'region' | 'accountId'>, ref: string): string {
  if (arnish(ref)) return ref;
  if (ref.includes('/')) {
    const segments = new URL(ref, 'http://local').pathname.split('/').filter(Boolean);
    const name = segments.at(-1) ?? '';
    const account = segments.length >= 2 ? segments.at(-2)! : request.accountId;
    return `arn:${partitionOf(request.region)}:sqs:${request.region}:${account}:${name}`;
  }
  return `arn:${partitionOf(request.region)}:sqs:${request.region}:${request.accountId}:${ref}`;
}

const sqs: Resolver = (request) => {
  const { operation, input } = request;
  switch (operation) {
    case 'ListQueues':
      return star(request);
    case 'CreateQueue':
    case 'GetQueueUrl':
      return [
        check(
          actionFor('sqs', operation),
          queueArn(
            { ...request, accountId: str(input.QueueOwnerAWSAccountId) ?? request.accountId },
            str(input.QueueName) ?? '',
          ),
        ),
      ];
    case 'StartMessageMoveTask':
    case 'ListMessageMoveTasks':
      return [check(actionFor('sqs', operation), str(input.SourceArn) ?? '*')];
    default:
      return [check(actionFor('sqs', operation), queueArn(request, str(input.QueueUrl) ?? ''))];
  }
};

// ---------------------------------------------------------------- SNS

const snsTopicArn = (request: IamRequest, nameOrArn: string) =>
  arnish(nameOrArn) ? nameOrArn : arnIn(request, 'sns', nameOrArn);

const sns: Resolver = (request) => {
  const { operation, input } = request;
  switch (operation) {
    case 'ListTopics':
    case 'ListSubscriptions':
    case 'CheckIfPhoneNumberIsOptedOut':
      return star(request);
    case 'CreateTopic':
      return [check('sns:CreateTopic', snsTopicArn(request, str(input.Name) ?? ''))];
    case 'Publish':
      return [
        check(
          'sns:Publish',
          str(input.TopicArn) ?? str(input.TargetArn) ?? (str(input.PhoneNumber) ? '*' : ''),
        ),
      ];
    case 'Unsubscribe':
    case 'GetSubscriptionAttributes':
    case 'SetSubscriptionAttributes': {
      // A subscription ARN is its topic's ARN plus `:<id>`; IAM authorises these on the topic.
      const subscription = str(input.SubscriptionArn) ?? '';
      return [check(actionFor('sns', operation), subscription.split(':').slice(0, 6).join(':'))];
    }
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsForResource':
      return [check(actionFor('sns', operation), str(input.ResourceArn) ?? '')];
    default:
      return [check(actionFor('sns', operation), str(input.TopicArn) ?? '')];
  }
};

// ---------------------------------------------------------------- EventBridge

function busArn(request: IamRequest, nameOrArn: string | undefined): string {
  const bus = nameOrArn ?? 'default';
  return arnish(bus) ? bus : arnIn(request, 'events', `event-bus/${bus}`);
}
/** A rule's ARN: `rule/<name>` on the default bus, `rule/<bus>/<name>` on another. */
function ruleArn(request: IamRequest, name: string, bus: string | undefined): string {
  const busName = bus && arnish(bus) ? (bus.split(':event-bus/')[1] ?? bus) : bus;
  return arnIn(
    request,
    'events',
    busName && busName !== 'default' ? `rule/${busName}/${name}` : `rule/${name}`,
  );
}

const events: Resolver = (request) => {
  const { operation, input } = request;
  switch (operation) {
    case 'PutEvents': {
      const seen = new Map<string, AuthorizationCheck>();
      for (const entry of list(input.Entries).map(record)) {
        const resource = busArn(request, str(entry.EventBusName));
        const context: ContextValues = {};
        if (str(entry.Source)) context['events:source'] = str(entry.Source)!;
        if (str(entry.DetailType)) context['events:detail-type'] = str(entry.DetailType)!;
        const key = JSON.stringify([resource, context]);
        if (!seen.has(key)) seen.set(key, check('events:PutEvents', resource, context));
      }
      return [...seen.values()];
    }
    case 'PutRule':
    case 'DeleteRule':
    case 'DescribeRule':
    case 'EnableRule':
    case 'DisableRule':
      return [
        check(
          actionFor('events', operation),
          ruleArn(request, str(input.Name) ?? '', str(input.EventBusName)),
        ),
      ];
    case 'PutTargets':
    case 'RemoveTargets':
    case 'ListTargetsByRule':
      return [
        check(
          actionFor('events', operation),
          ruleArn(request, str(input.Rule) ?? '', str(input.EventBusName)),
        ),
      ];
    case 'DescribeEventBus':
    case 'CreateEventBus':
    case 'DeleteEventBus':
      return [check(actionFor('events', operation), busArn(request, str(input.Name)))];
    case 'StartReplay':
      return [
        check('events:StartReplay', str(input.EventSourceArn) ?? ''),
        ...(str(record(input.Destination).Arn)
          ? [check('events:PutEvents', str(record(input.Destination).Arn)!)]
          : []),
      ];
    case 'CreateArchive':
    case 'DescribeArchive':
    case 'UpdateArchive':
    case 'DeleteArchive':
      return [
        check(
          actionFor('events', operation),
          arnIn(request, 'events', `archive/${str(input.ArchiveName) ?? ''}`),
        ),
      ];
    case 'DescribeReplay':
    case 'CancelReplay':
      return [
        check(
          actionFor('events', operation),
          arnIn(request, 'events', `replay/${str(input.ReplayName) ?? ''}`),
        ),
      ];
    default:
      return star(request);
  }
};

// ---------------------------------------------------------------- Step Functions

const states: Resolver = (request) => {
  const { operation, input } = request;
  const machine = str(input.stateMachineArn);
  const execution = str(input.executionArn);
  switch (operation) {
    case 'ListStateMachines':
    case 'ListActivities':
    case 'SendTaskSuccess':
    case 'SendTaskFailure':
    case 'SendTaskHeartbeat':
      return star(request);
    case 'CreateStateMachine':
      return [
        check('states:CreateStateMachine', arnIn(request, 'states', `stateMachine:${str(input.name) ?? ''}`)),
        ...(str(input.roleArn) ? [check('iam:PassRole', str(input.roleArn)!)] : []),
      ];
    default:
      return [check(actionFor('states', operation), execution ?? machine ?? '')];
  }
};

// ---------------------------------------------------------------- Lambda

/** A function's ARN from a name, `name:qualifier`, partial ARN (`<account>:function:name`) or ARN. */
export function functionArn(
  request: Pick<IamRequest, 'region' | 'accountId'>,
  ref: string,
  qualifier?: string,
) {
  let account = request.accountId;
  let region = request.region;
  let rest = ref;
  if (arnish(ref)) {
    const parts = ref.split(':');
    region = parts[3] ?? region;
    account = parts[4] ?? account;
    rest = parts.slice(6).join(':');
  } else if (ref.includes(':function:')) {
    const [owner, , ...tail] = ref.split(':');
    account = owner ?? account;
    rest = tail.join(':');
  }
  const [name, inlineQualifier] = rest.split(':');
  const version = qualifier ?? inlineQualifier;
  return `arn:${partitionOf(region)}:lambda:${region}:${account}:function:${name}${version ? `:${version}` : ''}`;
}

const lambda: Resolver = (request) => {
  const { operation, input } = request;
  if (operation === 'ListFunctions') return star(request);
  const name = str(input.FunctionName) ?? '';
  return actionsFor('lambda', operation).map((action) =>
    check(action, functionArn(request, name, str(input.Qualifier))),
  );
};

// ---------------------------------------------------------------- Bedrock

/** Cross-region inference profile ids start with a geography (`eu.amazon.nova-micro-v1:0`). */
const INFERENCE_PROFILE = /^(us|eu|apac|us-gov|ca|jp|au|global)\./;

/** The ARN a model id names: a foundation model (no account), an inference profile, or the ARN given. */
export function modelArn(request: Pick<IamRequest, 'region' | 'accountId'>, modelId: string): string {
  if (arnish(modelId)) return modelId;
  return INFERENCE_PROFILE.test(modelId)
    ? `arn:${partitionOf(request.region)}:bedrock:${request.region}:${request.accountId}:inference-profile/${modelId}`
    : `arn:${partitionOf(request.region)}:bedrock:${request.region}::foundation-model/${modelId}`;
}

const bedrock: Resolver = (request) => {
  const { operation, input } = request;
  if (operation === 'ListFoundationModels') return star(request);
  const modelId = decodeURIComponent(str(input.modelId) ?? '');
  const checks = actionsFor('bedrock', operation).map((action) => check(action, modelArn(request, modelId)));
  // Through an inference profile, the model is invoked in the profile's regions too: AWS checks the
  // foundation model as well (here: in the request's region, always one of them).
  const profile = INFERENCE_PROFILE.exec(modelId);
  if (profile && !arnish(modelId)) {
    const foundation = modelArn(request, modelId.slice(profile[0].length));
    checks.push(...actionsFor('bedrock', operation).map((action) => check(action, foundation)));
  }
  return checks;
};

// ---------------------------------------------------------------- SSM Parameter Store

/** A parameter's ARN from its name (`/a/b` and `a/b` both give `parameter/a/b`) or ARN; `:version` dropped. */
export function parameterArn(request: Pick<IamRequest, 'region' | 'accountId'>, name: string): string {
  if (arnish(name)) return name.replace(/(:parameter\/[^:]*):[^:/]+$/, '$1');
  const bare = name.replace(/^\//, '').replace(/:[^:/]+$/, '');
  return `arn:${partitionOf(request.region)}:ssm:${request.region}:${request.accountId}:parameter/${bare}`;
}

const ssm: Resolver = (request) => {
  const { operation, input } = request;
  switch (operation) {
    case 'DescribeParameters':
      return star(request);
    case 'GetParameters':
      return list(input.Names)
        .filter((n): n is string => typeof n === 'string')
        .map((name) => check('ssm:GetParameters', parameterArn(request, name)));
    case 'GetParametersByPath':
      return [
        check(
          'ssm:GetParametersByPath',
          parameterArn(request, str(input.Path) ?? '/'),
          input.Recursive === true || input.Recursive === 'true' ? { 'ssm:Recursive': 'true' } : {},
        ),
      ];
    case 'DeleteParameters':
      return list(input.Names)
        .filter((n): n is string => typeof n === 'string')
        .map((name) => check('ssm:DeleteParameters', parameterArn(request, name)));
    default:
      return [check(actionFor('ssm', operation), parameterArn(request, str(input.Name) ?? ''))];
  }
};

// ---------------------------------------------------------------- Secrets Manager

const secretsmanager: Resolver = (request, facts) => {
  const { operation, input } = request;
  const secretArn = (id: string) =>
    arnish(id) ? id : (facts.secretArnOf?.(id) ?? arnIn(request, 'secretsmanager', `secret:${id}-??????`));
  switch (operation) {
    case 'ListSecrets':
    case 'GetRandomPassword':
      return star(request);
    case 'BatchGetSecretValue':
      return [
        check('secretsmanager:BatchGetSecretValue', '*'),
        ...list(input.SecretIdList)
          .filter((id): id is string => typeof id === 'string')
          .map((id) => check('secretsmanager:GetSecretValue', secretArn(id))),
      ];
    case 'CreateSecret':
      return [check('secretsmanager:CreateSecret', secretArn(str(input.Name) ?? ''))];
    default:
      return [check(actionFor('secretsmanager', operation), secretArn(str(input.SecretId) ?? ''))];
  }
};

// ---------------------------------------------------------------- CloudWatch

const cloudwatch: Resolver = (request) => {
  const { operation, input } = request;
  switch (operation) {
    case 'PutMetricData': {
      const namespace = str(input.Namespace);
      return [check('cloudwatch:PutMetricData', '*', namespace ? { 'cloudwatch:namespace': namespace } : {})];
    }
    case 'PutMetricAlarm':
    case 'DeleteAlarms':
    case 'SetAlarmState':
    case 'DescribeAlarmHistory': {
      const names = str(input.AlarmName)
        ? [str(input.AlarmName)!]
        : list(input.AlarmNames).filter((n): n is string => typeof n === 'string');
      return names.map((name) =>
        check(actionFor('monitoring', operation), arnIn(request, 'cloudwatch', `alarm:${name}`)),
      );
    }
    default:
      return star(request);
  }
};

// ---------------------------------------------------------------- S3

const s3: Resolver = (request) => {
  const { operation, input } = request;
  const bucket = str(input.Bucket);
  const key = str(input.Key);
  const bucketArn = `arn:${partitionOf(request.region)}:s3:::${bucket ?? ''}`;
  const objectArn = `${bucketArn}/${key ?? ''}`;
  const versioned = str(input.VersionId) !== undefined;
  switch (operation) {
    case 'ListBuckets':
      return star(request);
    case 'GetObject':
    case 'HeadObject':
      return [check(versioned ? 's3:GetObjectVersion' : 's3:GetObject', objectArn)];
    case 'DeleteObject':
      return [check(versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject', objectArn)];
    case 'DeleteObjects':
      return list(record(input.Delete).Objects).map((object) =>
        check('s3:DeleteObject', `${bucketArn}/${str(record(object).Key) ?? ''}`),
      );
    case 'CopyObject': {
      const source = decodeURIComponent(str(input.CopySource) ?? '').replace(/^\//, '');
      const [sourcePath = '', sourceVersion] = source.split('?versionId=');
      return [
        check('s3:PutObject', objectArn),
        check(
          sourceVersion ? 's3:GetObjectVersion' : 's3:GetObject',
          `arn:${partitionOf(request.region)}:s3:::${sourcePath}`,
        ),
      ];
    }
    case 'ListObjects':
    case 'ListObjectsV2': {
      const context: ContextValues = {};
      if (str(input.Prefix) !== undefined) context['s3:prefix'] = str(input.Prefix)!;
      if (str(input.Delimiter) !== undefined) context['s3:delimiter'] = str(input.Delimiter)!;
      return [check('s3:ListBucket', bucketArn, context)];
    }
    default:
      return actionsFor('s3', operation).map((action) =>
        check(action, key !== undefined ? objectArn : bucketArn),
      );
  }
};

// ---------------------------------------------------------------- EventBridge Scheduler, KMS, CloudWatch Logs

const scheduler: Resolver = (request) => {
  const { operation, input } = request;
  if (operation === 'ListSchedules' || operation === 'ListScheduleGroups') return star(request);
  const group = str(input.GroupName) ?? 'default';
  const checks = [
    check(
      actionFor('scheduler', operation),
      arnIn(request, 'scheduler', `schedule/${group}/${str(input.Name) ?? ''}`),
    ),
  ];
  const role = str(record(input.Target).RoleArn);
  if (role && (operation === 'CreateSchedule' || operation === 'UpdateSchedule'))
    checks.push(check('iam:PassRole', role));
  return checks;
};

const kms: Resolver = (request) => {
  const { operation, input } = request;
  if (operation === 'ListKeys' || operation === 'ListAliases' || operation === 'CreateKey')
    return star(request);
  const id = str(input.KeyId) ?? '';
  const resource = arnish(id)
    ? id
    : id.startsWith('alias/')
      ? arnIn(request, 'kms', id)
      : arnIn(request, 'kms', `key/${id}`);
  return [check(actionFor('kms', operation), resource)];
};

const logs: Resolver = (request) => {
  const { operation, input } = request;
  const group = str(input.logGroupName);
  if (!group) return star(request);
  const stream = str(input.logStreamName);
  const base = arnIn(request, 'logs', `log-group:${group}`);
  return [check(actionFor('logs', operation), stream ? `${base}:log-stream:${stream}` : base)];
};

const RESOLVERS: Record<string, Resolver> = {
  dynamodb,
  sqs,
  sns,
  events,
  states,
  lambda,
  bedrock,
  ssm,
  secretsmanager,
  cloudwatch,
  s3,
  scheduler,
  kms,
  logs,
};

/** The signing names whose operations this module resolves. */
export const RESOLVED_SERVICES: readonly string[] = [...Object.keys(RESOLVERS), 'monitoring'];

// ---------------------------------------------------------------- from the wire

const LAMBDA_PATHS: [RegExp, string][] = [
  [/^\/2015-03-31\/functions\/([^/]+)\/invocations$/, 'Invoke'],
  [/^\/2021-11-15\/functions\/([^/]+)\/response-streaming-invocations$/, 'InvokeWithResponseStream'],
  [/^\/2014-11-13\/functions\/([^/]+)\/invoke-async\/?$/, 'InvokeAsync'],
  [/^\/2015-03-31\/functions\/([^/]+)$/, 'GetFunction'],
];
const BEDROCK_PATHS: [RegExp, string][] = [
  [/^\/model\/([^/]+)\/converse$/, 'Converse'],
  [/^\/model\/([^/]+)\/converse-stream$/, 'ConverseStream'],
  [/^\/model\/([^/]+)\/invoke$/, 'InvokeModel'],
  [/^\/model\/([^/]+)\/invoke-with-response-stream$/, 'InvokeModelWithResponseStream'],
];

/**
 * The operation and its input from a request as the gateway classified it (JSON and query protocols, and the
 * REST paths of Lambda and Bedrock Runtime). S3 streams past the gateway: see `s3Operation`.
 *
 * @returns undefined when the request is not an AWS API call this module knows how to read
 */
export function requestInput(
  request: AwsRequest,
): { service: string; operation: string; input: Record<string, unknown> } | undefined {
  const { service } = request;
  if (request.protocol === 'json') {
    let input: Record<string, unknown> = {};
    try {
      input = record(JSON.parse(request.body.toString('utf8') || '{}'));
    } catch {
      input = {};
    }
    return { service, operation: request.action, input };
  }
  if (request.protocol === 'query' && request.form) {
    return { service, operation: request.action, input: queryInput(request.form) };
  }
  const table = service === 'lambda' ? LAMBDA_PATHS : service === 'bedrock' ? BEDROCK_PATHS : [];
  for (const [pattern, operation] of table) {
    const match = pattern.exec(request.path);
    if (!match) continue;
    const id = decodeURIComponent(match[1]!);
    const input: Record<string, unknown> =
      service === 'lambda'
        ? {
            FunctionName: id,
            ...(request.query.get('Qualifier') ? { Qualifier: request.query.get('Qualifier') } : {}),
          }
        : { modelId: id };
    return { service, operation, input };
  }
  return undefined;
}

/**
 * The query protocol's fields as the SDK's input: scalars as they are, `Names.member.1`-style lists as arrays
 * (`Entries.member.N.X` lists of structures are kept flat: no resolver here needs them).
 */
function queryInput(form: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const lists: Record<string, string[]> = {};
  for (const [name, value] of form) {
    const member = /^(\w+)\.member\.(\d+)$/.exec(name);
    if (!member) {
      input[name] = value;
      continue;
    }
    const values = lists[member[1]!] ?? [];
    values[Number(member[2]) - 1] = value;
    lists[member[1]!] = values;
  }
  for (const [name, values] of Object.entries(lists)) input[name] = values.filter((v) => v !== undefined);
  return input;
}

/**
 * The S3 operation of a REST request (path-style or virtual-hosted, already split into bucket and key), as the
 * local S3 API serves it, with the input fields the resolver reads.
 */
export function s3Operation(request: {
  method: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  headers: Record<string, string>;
}): { service: 's3'; operation: string; input: Record<string, unknown> } {
  const { method, bucket, key, query, headers } = request;
  const input: Record<string, unknown> = {
    ...(bucket !== undefined ? { Bucket: bucket } : {}),
    ...(key !== undefined ? { Key: key } : {}),
    ...(query.get('versionId') ? { VersionId: query.get('versionId') } : {}),
  };
  const [operation, extra = {}] =
    bucket === undefined
      ? ['ListBuckets']
      : key === undefined
        ? s3BucketOperation(method, query)
        : s3ObjectOperation(method, query, headers);
  return { service: 's3', operation, input: { ...input, ...extra } };
}

type S3Call = [operation: string, extra?: Record<string, unknown>];

/** A request on a bucket (no key). */
function s3BucketOperation(method: string, query: URLSearchParams): S3Call {
  if (method === 'HEAD') return ['HeadBucket'];
  if (method === 'POST') return [query.has('delete') ? 'DeleteObjects' : 'PostObject'];
  const subresource = (
    [
      ['versions', 'ListObjectVersions'],
      ['versioning', 'GetBucketVersioning'],
      ['location', 'GetBucketLocation'],
      ['uploads', 'ListMultipartUploads'],
    ] as const
  ).find(([name]) => query.has(name));
  if (subresource) return [subresource[1]];
  return [
    query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects',
    {
      ...(query.has('prefix') ? { Prefix: query.get('prefix') } : {}),
      ...(query.has('delimiter') ? { Delimiter: query.get('delimiter') } : {}),
    },
  ];
}

/** A request on an object (multipart parts, attributes, Put / Copy / Head / Delete / Get). */
function s3ObjectOperation(method: string, query: URLSearchParams, headers: Record<string, string>): S3Call {
  const copySource = headers['x-amz-copy-source'];
  if (query.has('uploads') && method === 'POST') return ['CreateMultipartUpload'];
  if (query.has('uploadId')) {
    const part: Record<string, string> = {
      PUT: copySource ? 'UploadPartCopy' : 'UploadPart',
      POST: 'CompleteMultipartUpload',
      DELETE: 'AbortMultipartUpload',
    };
    return [part[method] ?? 'ListParts'];
  }
  if (query.has('attributes')) return ['GetObjectAttributes'];
  if (method === 'PUT') return copySource ? ['CopyObject', { CopySource: copySource }] : ['PutObject'];
  const simple: Record<string, string> = { HEAD: 'HeadObject', DELETE: 'DeleteObject' };
  return [simple[method] ?? 'GetObject'];
}
