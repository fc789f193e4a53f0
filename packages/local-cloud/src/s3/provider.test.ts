import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ResolvedResource } from '../core/resources';
import { fakeCloud } from '../testing/fakeCloud';
import { S3Engine } from './engine';
import { S3BucketProvider } from './provider';

const { cloud, recorded } = fakeCloud({ dataDir: mkdtempSync(join(tmpdir(), 'spendwise-s3-')) });
const engine = new S3Engine(cloud);
const provider = new S3BucketProvider(engine);
afterAll(() => engine.stop());

const bucket = (
  logicalId: string,
  properties: Record<string, unknown>,
  referencedBy: string[] = [],
): ResolvedResource => ({
  stack: 'expenses',
  stackDir: '/tmp/expenses',
  logicalId,
  type: 'AWS::S3::Bucket',
  properties,
  referencedBy,
});

describe('the S3 bucket provider', () => {
  it('leaves the web bucket a distribution serves from to the edge, and osls deployment bucket to the deployer', () => {
    expect(
      provider.accepts(bucket('WebBucket', {}, ['AWS::CloudFront::Distribution', 'AWS::S3::BucketPolicy'])),
    ).toBe(false);
    expect(provider.accepts(bucket('ServerlessDeploymentBucket', {}))).toBe(false);
    expect(provider.accepts(bucket('ReceiptsBucket', {}, ['AWS::S3::BucketPolicy', 'AWS::IAM::Role']))).toBe(
      true,
    );
  });

  it('creates a bucket named by the template, or as CloudFormation names one, with its ARN and domain names', async () => {
    const named = await provider.create(
      bucket('ReceiptsBucket', { BucketName: 'spendwise-dev-receipts-000000000000' }),
      cloud,
    );
    const unnamed = await provider.create(bucket('ScratchBucket', {}), cloud);

    expect(named).toEqual({
      ref: 'spendwise-dev-receipts-000000000000',
      attributes: expect.objectContaining({
        Arn: 'arn:aws:s3:::spendwise-dev-receipts-000000000000',
        RegionalDomainName: 'spendwise-dev-receipts-000000000000.s3.eu-west-1.amazonaws.com',
      }),
    });
    expect(unnamed.ref).toMatch(/^spendwise-expenses-dev-scratchbucket-[a-z0-9]{12}$/);
    expect(engine.bucketNames()).toEqual([unnamed.ref, named.ref].sort());
  });

  it('runs unfiltered noncurrent-version expiry and reports the lifecycle actions it does not run, by rule', async () => {
    await provider.create(
      bucket('ArchiveBucket', {
        BucketName: 'archive',
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: [
            { Id: 'old-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
            { Id: 'logs', Status: 'Enabled', Prefix: 'logs/', ExpirationInDays: 7 },
          ],
        },
        ReplicationConfiguration: { Role: 'arn', Rules: [] },
      }),
      cloud,
    );

    expect(engine.config('archive')).toMatchObject({ versioning: 'Enabled', noncurrentDays: 30 });
    expect(recorded.unsupported.map((item) => item.property)).toEqual(
      expect.arrayContaining([
        'LifecycleConfiguration.Rules[logs].Prefix, ExpirationInDays',
        'ReplicationConfiguration',
      ]),
    );
  });

  it('accepts a bucket policy of its buckets and names the TLS-only deny as not applied', async () => {
    const policy: ResolvedResource = {
      stack: 'expenses',
      stackDir: '/tmp/expenses',
      logicalId: 'ArchiveBucketPolicy',
      type: 'AWS::S3::BucketPolicy',
      properties: {
        Bucket: 'archive',
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    };
    expect(provider.accepts(policy)).toBe(true);
    expect(provider.accepts({ ...policy, properties: { Bucket: 'the-web-bucket' } })).toBe(false);

    await provider.create(policy, cloud);

    expect(recorded.unsupported).toContainEqual(
      expect.objectContaining({
        logicalId: 'ArchiveBucketPolicy',
        property: 'PolicyDocument (aws:SecureTransport deny)',
      }),
    );
  });
});
