import { deployStacks } from '../deploy/deployStacks';
import { loadComposeStacks } from '../deploy/loadComposeStacks';
import { fakeCloud } from './fakeCloud';
import { namingProviders } from './namingProviders';

/**
 * Every compose service's packaged template (stage `dev`) deployed on a fake cloud with providers that only name
 * resources: the roles, policies and resources the IAM tools and benches evaluate, without running anything.
 */
export async function deployPackagedTemplates(rootDir: string) {
  const inputs = await loadComposeStacks(rootDir, 'dev', 'eu-west-1');
  const { cloud } = fakeCloud({ stage: 'dev' });
  cloud.secrets = { resolve: ({ secretId }) => `value-of-${secretId}` };
  const { stacks } = await deployStacks(inputs, namingProviders(), cloud);
  return { inputs, stacks, cloud };
}
