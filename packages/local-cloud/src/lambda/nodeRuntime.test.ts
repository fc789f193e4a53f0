import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type { LambdaEngine } from './LambdaEngine';
import { deployFixtures } from './testing/deployFixtures';

const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The Lambda runtimes the services declare (`provider.runtime` of every services/<name>/serverless.yml). */
function declaredRuntimes(): string[] {
  const services = join(rootDir, 'services');
  const runtimes = readdirSync(services).map((name) => {
    const config = parse(readFileSync(join(services, name, 'serverless.yml'), 'utf8'), {
      logLevel: 'silent',
    }) as { provider: { runtime: string } };
    return config.provider.runtime;
  });
  return [...new Set(runtimes)];
}

const engines: LambdaEngine[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

describe('the Node.js a function meets', () => {
  it.each(declaredRuntimes())('is the major version of %s, as on Lambda', async (runtime) => {
    const source = 'export const handler = async () => ({ node: process.versions.node });';
    const { engine } = await deployFixtures([{ name: 'version', source, properties: { Runtime: runtime } }]);
    engines.push(engine);

    const outcome = await engine.invoke('version', {});

    const node = (outcome as { result: { node: string } }).result.node;
    expect(`nodejs${node.split('.')[0]}.x`).toBe(runtime);
  });
});
