import { describe, expect, it } from '@jest/globals';
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
      Properties: { AlarmActions: [{ Ref: 'Relay' }] },
    };

    expect(broken(template)).toEqual([]);
    props(template, 'RelaySubscription').Endpoint = 'arn:aws:sqs:eu-west-1:1:somewhere-else';
    expect(broken(template)).toEqual(['alarm-notifies-ops Alarm']);
  });
});
