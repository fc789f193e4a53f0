import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTemplate, type PackageServicesOptions, packageServices } from '@spendwise/packager';
import type { StackInput, Template } from './template';

export interface LoadComposeOptions {
  /** Only these compose services (and in dependency order); all when omitted. */
  services?: string[];
  onProgress?: PackageServicesOptions['onProgress'];
  /** Package even when sources are unchanged. */
  force?: boolean;
}

/**
 * Packages every service of serverless-compose.yml with osls (cached by content hash), then loads the
 * packaged templates, in dependsOn order: the input `deployStacks` expects.
 *
 * @example const stacks = await loadComposeStacks(process.cwd(), 'dev', 'eu-west-1');
 * @throws PackagingFailedError / TemplateNotFoundError from @spendwise/packager
 */
export async function loadComposeStacks(
  rootDir: string,
  stage: string,
  region: string,
  options: LoadComposeOptions = {},
): Promise<StackInput[]> {
  const results = await packageServices({ rootDir, stage, region, ...options });
  return Promise.all(
    results.map(async (result) => ({
      name: result.name,
      dir: result.dir,
      template: (await loadTemplate(result.dir)) as Template,
      stackName: await stackNameOf(result.dir, stage),
    })),
  );
}

/**
 * The stack name osls deploys a packaged service to: `provider.stackName`, else `<service>-<stage>`, read
 * from `.serverless/serverless-state.json`.
 */
export async function stackNameOf(serviceDir: string, stage: string): Promise<string | undefined> {
  try {
    const state = JSON.parse(
      await readFile(join(serviceDir, '.serverless', 'serverless-state.json'), 'utf8'),
    );
    const service = state?.service;
    if (typeof service?.provider?.stackName === 'string') return service.provider.stackName;
    const name = typeof service?.service === 'string' ? service.service : service?.service?.name;
    return typeof name === 'string' ? `${name}-${service?.provider?.stage ?? stage}` : undefined;
  } catch {
    return undefined;
  }
}
