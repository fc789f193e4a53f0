import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedResource } from '../../core/resources';
import { zipFiles } from './zipFiles';

/** A fixture function: its handler module's source and the template properties to deploy it with. */
export interface FixtureFunction {
  name: string;
  /** Source of `src/handler.mjs`, exporting `handler`. */
  source: string;
  properties?: Record<string, unknown>;
}

/** A scratch service folder for fixture stacks. */
export const scratchDir = (prefix: string) => mkdtemp(join(tmpdir(), `spendwise-lambda-${prefix}-`));

/**
 * Writes one zip per fixture function under `<stackDir>/.serverless/` (as `osls package` does) and returns
 * the AWS::Lambda::Function resources that point at them.
 *
 * @example
 * const [resource] = await fixtureStack(dir, [{ name: 'hello', source: 'export const handler = async () => 1;' }]);
 */
export async function fixtureStack(
  stackDir: string,
  functions: FixtureFunction[],
  stack = 'fixture',
): Promise<ResolvedResource[]> {
  await mkdir(join(stackDir, '.serverless'), { recursive: true });
  const resources: ResolvedResource[] = [];
  for (const fn of functions) {
    await writeFile(
      join(stackDir, '.serverless', `${fn.name}.zip`),
      zipFiles({ 'src/handler.mjs': fn.source }),
    );
    resources.push({
      stack,
      stackDir,
      logicalId: `${fn.name[0]?.toUpperCase()}${fn.name.slice(1)}LambdaFunction`,
      type: 'AWS::Lambda::Function',
      properties: {
        Code: { S3Bucket: 'deployment-bucket', S3Key: `serverless/${stack}/local/1-2026/${fn.name}.zip` },
        Handler: 'src/handler.handler',
        Runtime: 'nodejs24.x',
        FunctionName: fn.name,
        MemorySize: 128,
        Timeout: 3,
        ...fn.properties,
      },
    });
  }
  return resources;
}
