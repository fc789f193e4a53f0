import { describe, expect, it } from '@jest/globals';
import { checkTemplate } from '../../../src/invariants';
import type { CfnTemplate } from '../../../src/template';
import { broken } from './broken';

/** The edge's shape in miniature: a private bucket behind OAC, a distribution with WAF, a logged web ACL. */
const edgeTemplate = (): CfnTemplate =>
  structuredClone({
    Resources: {
      WebBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          LifecycleConfiguration: {
            Rules: [
              {
                Status: 'Enabled',
                NoncurrentVersionExpiration: { NoncurrentDays: 30 },
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              },
            ],
          },
          CorsConfiguration: {
            CorsRules: [{ AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['POST', 'GET'] }],
          },
        },
      },
      WebBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'WebBucket' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
              {
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action: 's3:GetObject',
                Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::1:distribution/D' } },
              },
            ],
          },
        },
      },
      WebAcl: { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'CLOUDFRONT' } },
      WafLogging: {
        Type: 'AWS::WAFv2::LoggingConfiguration',
        Properties: { ResourceArn: { 'Fn::GetAtt': ['WebAcl', 'Arn'] } },
      },
      Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            WebACLId: { 'Fn::GetAtt': ['WebAcl', 'Arn'] },
            Origins: [
              { Id: 'web', OriginAccessControlId: 'oac', S3OriginConfig: { OriginAccessIdentity: '' } },
              { Id: 'api', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } },
            ],
            DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
            CacheBehaviors: [{ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' }],
          },
        },
      },
    },
  });

const props = (template: CfnTemplate, id: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: the tests reach into nested template JSON to break one property
  template.Resources[id]!.Properties as Record<string, any>;

describe('edge invariants', () => {
  it('accept the compliant edge', () => {
    expect(broken(edgeTemplate())).toEqual([]);
  });

  it('reject a bucket with public access not fully blocked, unencrypted or unversioned', () => {
    const template = edgeTemplate();
    props(template, 'WebBucket').PublicAccessBlockConfiguration.RestrictPublicBuckets = false;
    delete props(template, 'WebBucket').BucketEncryption;
    props(template, 'WebBucket').VersioningConfiguration.Status = 'Suspended';

    expect(broken(template)).toEqual([
      'bucket-not-public WebBucket',
      'bucket-encryption WebBucket',
      'bucket-versioning WebBucket',
    ]);
  });

  it('reject a bucket policy that lets anyone read', () => {
    const template = edgeTemplate();
    props(template, 'WebBucketPolicy').PolicyDocument.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:GetObject',
    });

    expect(broken(template)).toEqual(['bucket-not-public WebBucketPolicy']);
  });

  it('reject a bucket without a TLS-only policy, without lifecycle clean-ups, or open to any origin', () => {
    const template = edgeTemplate();
    props(template, 'WebBucketPolicy').PolicyDocument.Statement.shift();
    props(template, 'WebBucket').LifecycleConfiguration.Rules[0].Status = 'Disabled';
    props(template, 'WebBucket').CorsConfiguration.CorsRules.push({
      AllowedOrigins: ['*'],
      AllowedMethods: ['GET'],
    });

    expect(broken(template)).toEqual([
      'bucket-tls-only WebBucket',
      'bucket-lifecycle WebBucket',
      'bucket-cors-origins WebBucket',
    ]);
  });

  it('name the lifecycle clean-up a bucket lacks', () => {
    const template = edgeTemplate();
    delete props(template, 'WebBucket').LifecycleConfiguration.Rules[0].AbortIncompleteMultipartUpload;

    expect(checkTemplate(template, 'sample').map((v) => v.message)).toEqual([
      'sample: WebBucket (AWS::S3::Bucket) breaks bucket-lifecycle: LifecycleConfiguration lacks an enabled AbortIncompleteMultipartUpload',
    ]);
  });

  it("leave osls's deployment bucket to osls", () => {
    const template = edgeTemplate();
    template.Resources.ServerlessDeploymentBucket = { Type: 'AWS::S3::Bucket', Properties: {} };

    expect(broken(template)).toEqual([]);
  });

  it('reject an S3 origin with a legacy origin access identity or without OAC', () => {
    const template = edgeTemplate();
    const [web] = props(template, 'Distribution').DistributionConfig.Origins;
    web.S3OriginConfig.OriginAccessIdentity = 'origin-access-identity/cloudfront/E1';

    expect(broken(template)).toEqual(['cloudfront-oac Distribution']);
    delete web.OriginAccessControlId;
    web.S3OriginConfig.OriginAccessIdentity = '';
    expect(broken(template)).toEqual(['cloudfront-oac Distribution']);
  });

  it('reject a distribution without WAF and a behaviour that allows plain HTTP', () => {
    const template = edgeTemplate();
    const config = props(template, 'Distribution').DistributionConfig;
    delete config.WebACLId;
    config.CacheBehaviors[0].ViewerProtocolPolicy = 'allow-all';

    expect(broken(template)).toEqual(['cloudfront-waf Distribution', 'cloudfront-https Distribution']);
  });

  it('reject a web ACL without logging', () => {
    const template = edgeTemplate();
    delete template.Resources.WafLogging;

    expect(broken(template)).toEqual(['waf-logging WebAcl']);
  });

  it('accept alarms on a relay topic subscribed to the ops queue, and only then', () => {
    const template = edgeTemplate();
    template.Resources.Relay = {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'spendwise-dev-edge-alarms' },
    };
    template.Resources.RelaySubscription = {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'Relay' },
        Protocol: 'sqs',
        Endpoint: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
          'Fn::Sub': 'arn:${AWS::Partition}:sqs:eu-west-1:${AWS::AccountId}:spendwise-dev-notifications-ops',
        },
      },
    };
    template.Resources.Alarm = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { AlarmActions: [{ Ref: 'Relay' }], TreatMissingData: 'notBreaching' },
    };

    expect(broken(template)).toEqual([]);
    props(template, 'RelaySubscription').Endpoint = 'arn:aws:sqs:eu-west-1:1:somewhere-else';
    expect(broken(template)).toEqual(['alarm-notifies-ops Alarm']);
  });

  it('require every API function of a service wired for the origin secret to be allowed to read it', () => {
    const template = edgeTemplate();
    const apiFunction = (name: string) => {
      template.Resources[`${name}LambdaFunction`] = {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Role: { 'Fn::GetAtt': [`${name}Role`, 'Arn'] },
          Environment: { Variables: { ORIGIN_SECRET_ID: '' } },
        },
      };
      template.Resources[`${name}Permission`] = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { 'Fn::GetAtt': [`${name}LambdaFunction`, 'Arn'] },
          Principal: 'apigateway.amazonaws.com',
        },
      };
    };
    apiFunction('GetThing');
    apiFunction('PutThing');
    template.Resources.OriginSecretReadPolicy = {
      Type: 'AWS::IAM::Policy',
      Condition: 'HasOriginSecret',
      Properties: {
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue'],
              Resource: 'arn:aws:secretsmanager:eu-west-1:1:secret:s-??????',
            },
          ],
        },
        Roles: [{ Ref: 'GetThingRole' }],
      },
    };
    // Roles and the rest of the function invariants are not the point here.
    const relevant = () => broken(template).filter((b) => b.startsWith('origin-secret-readers'));

    expect(relevant()).toEqual(['origin-secret-readers PutThingLambdaFunction']);
    props(template, 'OriginSecretReadPolicy').Roles.push({ Ref: 'PutThingRole' });
    expect(relevant()).toEqual([]);
  });
});
