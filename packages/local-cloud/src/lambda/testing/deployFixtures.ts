import { fakeCloud } from '../../testing/fakeCloud';
import { LambdaEngine, type LambdaEngineOptions } from '../LambdaEngine';
import { type FixtureFunction, fixtureStack, scratchDir } from './fixtureFunctions';

/**
 * A LambdaEngine on a fake cloud with the fixture functions deployed through the real Function provider (zip
 * → extraction → engine). Call `engine.stop()` when done.
 */
export async function deployFixtures(functions: FixtureFunction[], options: LambdaEngineOptions = {}) {
  const dir = await scratchDir('engine');
  const fake = fakeCloud({ dataDir: `${dir}/.local-cloud` });
  const engine = new LambdaEngine(fake.cloud, options);
  fake.cloud.lambda = engine;
  const providers = engine.providers();
  const functionProvider = providers.find((p) => p.types.includes('AWS::Lambda::Function'))!;
  const resources = await fixtureStack(dir, functions);
  for (const resource of resources) await functionProvider.create(resource, fake.cloud);
  return { engine, providers, resources, dir, ...fake };
}
