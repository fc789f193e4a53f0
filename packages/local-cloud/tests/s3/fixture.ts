import type { StackInput } from '../../src/deploy/template';

export const BUCKET = 'spendwise-dev-receipts-000000000000';

/** The first bytes of a PNG file, then padding: a small "image". */
export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(24, 7)]);

/** What the receipts upload policy pins besides the key: the content type and a size range. */
export const IMAGE_POLICY = [
  ['content-length-range', 8, 2048],
  ['eq', '$Content-Type', 'image/png'],
] as never;

/** A receipts-like bucket (versioned, CORS for the app, EventBridge on) with a rule that taps its events. */
export const fixtureStack = (): StackInput => ({
  name: 'receipts',
  dir: '/tmp/receipts',
  template: {
    Resources: {
      ReceiptsBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: BUCKET,
          VersioningConfiguration: { Status: 'Enabled' },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          CorsConfiguration: {
            CorsRules: [
              {
                AllowedOrigins: ['http://localhost:3000'],
                AllowedMethods: ['GET', 'POST'],
                AllowedHeaders: ['*'],
                ExposedHeaders: ['ETag'],
                MaxAge: 300,
              },
            ],
          },
          LifecycleConfiguration: {
            Rules: [
              {
                Id: 'expire-old-versions',
                Status: 'Enabled',
                NoncurrentVersionExpiration: { NoncurrentDays: 30 },
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              },
              {
                Id: 'archive',
                Status: 'Enabled',
                Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
              },
            ],
          },
          AnalyticsConfigurations: [],
          NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
        },
      },
      ReceiptsBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'ReceiptsBucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'TlsOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [{ 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] }],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      TapQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'receipts-tap' } },
      ObjectEvents: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventPattern: {
            source: ['aws.s3'],
            'detail-type': ['Object Created', 'Object Deleted'],
            detail: { bucket: { name: [{ Ref: 'ReceiptsBucket' }] } },
          },
          Targets: [{ Id: 'tap', Arn: { 'Fn::GetAtt': ['TapQueue', 'Arn'] } }],
        },
      },
    },
    Outputs: { TapQueueUrl: { Value: { Ref: 'TapQueue' } } },
  },
});
