import type { DeployedStack, Handling } from '../deploy/template';

/** A resource of a test stack, its properties already resolved as the deployer keeps them. */
export interface TestResource {
  type: string;
  ref: string;
  attributes?: Record<string, unknown>;
  properties: Record<string, unknown>;
}

/** A deployed stack (`spendwise-test-dev`) of the given resources, for tests that read deployed stacks. */
export function deployedStackOf(
  resources: Record<string, TestResource>,
  handledBy: Handling = 'provider',
): DeployedStack {
  return {
    name: 'test',
    stackName: 'spendwise-test-dev',
    skipped: [],
    outputs: {},
    resources: new Map(Object.entries(resources).map(([id, r]) => [id, { handledBy, attributes: {}, ...r }])),
  };
}
