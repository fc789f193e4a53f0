import type { Cdn, Stacks, WebBucket, WebBuild } from './ports';
import { webConfig } from './webConfig';
import { type LocalFile, planWebDeploy, type WebDeployPlan } from './webPlan';

export interface DeployWebOptions {
  stage: string;
  /** Region of the platform stack (the user pool) and the APIs. */
  region: string;
  /** Region of the edge stack (us-east-1). */
  edgeRegion: string;
  dryRun: boolean;
  /** Use the build folder as it is. */
  skipBuild: boolean;
}

export interface DeployWebPorts {
  stacks: Stacks;
  bucket: WebBucket;
  cdn: Cdn;
  build: WebBuild;
  out: (line: string) => void;
}

export interface DeployWebResult {
  plan: WebDeployPlan;
  url: string | undefined;
  invalidationId?: string;
}

const required = (outputs: Record<string, string>, name: string, stack: string): string => {
  const value = outputs[name];
  if (!value) throw new Error(`stack ${stack} has no output ${name}: deploy it first`);
  return value;
};

/**
 * Builds the web app, writes config.json from the stacks' outputs, then syncs the bucket (see planWebDeploy
 * for the order) and invalidates the entry points. A dry run prints the plan and changes nothing.
 */
export async function deployWeb(options: DeployWebOptions, ports: DeployWebPorts): Promise<DeployWebResult> {
  const { stage, out } = { ...options, out: ports.out };
  const edgeStack = `spendwise-edge-${stage}`;
  const platformStack = `spendwise-platform-${stage}`;
  out(`reading the outputs of ${edgeStack} (${options.edgeRegion}) and ${platformStack} (${options.region})`);
  const edge = await ports.stacks.outputs(edgeStack, options.edgeRegion);
  const platform = await ports.stacks.outputs(platformStack, options.region);
  const bucket = required(edge.outputs, 'WebBucketName', edgeStack);
  const distributionId = required(edge.outputs, 'DistributionId', edgeStack);
  const config = webConfig({
    stage,
    issuer: required(platform.outputs, 'Issuer', platformStack),
    clientId: required(platform.outputs, 'AppClientId', platformStack),
    accountId: platform.accountId,
    region: options.region,
  });

  if (options.skipBuild) out('using the existing build (--skip-build)');
  else {
    out('building the web app (pnpm --filter @spendwise/web build)');
    await ports.build.build();
  }
  const built = (await ports.build.read()).filter((f) => f.key !== 'config.json');
  const files: LocalFile[] = [
    ...built,
    { key: 'config.json', body: Buffer.from(`${JSON.stringify(config, null, 2)}\n`) },
  ];
  const plan = planWebDeploy(files, await ports.bucket.list(bucket));
  out(
    `${plan.uploads.length} file(s) to upload, ${plan.unchanged.length} unchanged, ` +
      `${plan.deletes.length} stale to delete from s3://${bucket}`,
  );
  const url = edge.outputs.WebUrl;
  if (options.dryRun) {
    for (const u of plan.uploads) out(`  would upload ${u.key} (${u.contentType}; ${u.cacheControl})`);
    for (const key of plan.deletes) out(`  would delete ${key}`);
    out(`  would invalidate ${plan.invalidations.join(' ')} on ${distributionId}`);
    return { plan, url };
  }
  for (const [index, upload] of plan.uploads.entries()) {
    await ports.bucket.put(bucket, upload);
    out(`  [${index + 1}/${plan.uploads.length}] ${upload.key} (${upload.cacheControl})`);
  }
  if (plan.deletes.length > 0) {
    await ports.bucket.delete(bucket, plan.deletes);
    out(`  deleted ${plan.deletes.length} stale file(s)`);
  }
  const invalidationId = await ports.cdn.invalidate(distributionId, plan.invalidations);
  out(`invalidation ${invalidationId} of ${plan.invalidations.join(' ')} on ${distributionId} started`);
  out(`deployed the web app: ${url ?? `distribution ${distributionId}`}`);
  return { plan, url, invalidationId };
}
