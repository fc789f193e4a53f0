import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  type DistributionConfig,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  waitUntilDistributionDeployed,
} from '@aws-sdk/client-cloudfront';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetRandomPasswordCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Cdn, Stacks, WebBucket, WebBuild } from './ports';
import type { Distributions, OriginSecrets } from './rotateOriginSecret';
import type { LocalFile } from './webPlan';

/** Stack outputs through CloudFormation; the account comes from the stack's ARN. */
export function cloudFormationStacks(): Stacks {
  const clients = new Map<string, CloudFormationClient>();
  return {
    async outputs(stackName, region) {
      if (!clients.has(region)) clients.set(region, new CloudFormationClient({ region }));
      const answer = await clients.get(region)!.send(new DescribeStacksCommand({ StackName: stackName }));
      const stack = answer.Stacks?.[0];
      if (!stack) throw new Error(`no stack ${stackName} in ${region}`);
      return {
        outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue ?? ''])),
        accountId: stack.StackId?.split(':')[4] ?? '',
      };
    },
  };
}

/** The bucket through S3 (the client follows the bucket's region). */
export function s3WebBucket(region: string): WebBucket {
  const s3 = new S3Client({ region, followRegionRedirects: true });
  return {
    async list(bucket) {
      const objects: { key: string; etag: string }[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const o of page.Contents ?? []) objects.push({ key: o.Key!, etag: o.ETag ?? '' });
        token = page.NextContinuationToken;
      } while (token);
      return objects;
    },
    async put(bucket, upload) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: upload.key,
          Body: upload.body,
          ContentType: upload.contentType,
          CacheControl: upload.cacheControl,
        }),
      );
    },
    async delete(bucket, keys) {
      for (let start = 0; start < keys.length; start += 1000) {
        await s3.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: keys.slice(start, start + 1000).map((Key) => ({ Key })), Quiet: true },
          }),
        );
      }
    },
  };
}

const cloudFront = () => new CloudFrontClient({ region: 'us-east-1' });

export function cloudFrontCdn(): Cdn {
  const client = cloudFront();
  return {
    async invalidate(distributionId, paths) {
      const answer = await client.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: `deploy-web-${Date.now()}`,
            Paths: { Quantity: paths.length, Items: paths },
          },
        }),
      );
      return answer.Invalidation?.Id ?? '?';
    },
  };
}

export function cloudFrontDistributions(): Distributions {
  const client = cloudFront();
  return {
    async getConfig(id) {
      const answer = await client.send(new GetDistributionConfigCommand({ Id: id }));
      return { config: answer.DistributionConfig!, etag: answer.ETag! };
    },
    async update(id, config, etag) {
      await client.send(
        new UpdateDistributionCommand({
          Id: id,
          IfMatch: etag,
          DistributionConfig: config as DistributionConfig,
        }),
      );
    },
    async waitDeployed(id) {
      await waitUntilDistributionDeployed({ client, maxWaitTime: 1800 }, { Id: id });
    },
  };
}

export function secretsManagerOriginSecrets(region: string): OriginSecrets {
  const client = new SecretsManagerClient({ region });
  return {
    async newValue() {
      const answer = await client.send(
        new GetRandomPasswordCommand({ PasswordLength: 48, ExcludePunctuation: true }),
      );
      return answer.RandomPassword!;
    },
    async put(secretId, value) {
      const answer = await client.send(
        new PutSecretValueCommand({ SecretId: secretId, SecretString: value }),
      );
      return answer.VersionId ?? '?';
    },
  };
}

/** Builds with `pnpm --filter @spendwise/web build` and reads the build folder. */
export function pnpmWebBuild(rootDir: string, distDir: string): WebBuild {
  return {
    build: () =>
      new Promise((resolve, reject) => {
        const child = spawn('pnpm', ['--filter', '@spendwise/web', 'build'], {
          cwd: rootDir,
          stdio: 'inherit',
        });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0
            ? resolve()
            : reject(new Error(`pnpm --filter @spendwise/web build exited with ${code}`)),
        );
      }),
    read: () => readBuild(distDir),
  };
}

/** Every file under `dir`, keyed by its relative path with forward slashes. */
export async function readBuild(dir: string): Promise<LocalFile[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch (error) {
    throw new Error(`no build at ${dir}: ${(error as Error).message}`);
  }
  return Promise.all(
    entries
      .sort()
      .map(async (path) => ({ key: relative(dir, path).split(sep).join('/'), body: await readFile(path) })),
  );
}
