import { describe, expect, it } from '@jest/globals';
import { dependencyLevels, parseCompose, topologicalOrder } from '../../src/compose';
import { ComposeError } from '../../src/errors';

const root = '/repo';

describe('parseCompose', () => {
  it('reads paths, dependsOn (a name or a list), region, config and params', () => {
    const text = `
services:
  platform:
    path: services/platform
  expenses:
    path: services/expenses
    dependsOn: platform
    region: eu-central-1
    config: serverless.custom.yml
    params: { logLevel: DEBUG }
  insights:
    path: services/insights
    dependsOn: [platform, expenses]
`;

    const services = parseCompose(text, root);

    expect(services).toEqual([
      { name: 'platform', dir: '/repo/services/platform', dependsOn: [], params: {} },
      {
        name: 'expenses',
        dir: '/repo/services/expenses',
        dependsOn: ['platform'],
        region: 'eu-central-1',
        config: 'serverless.custom.yml',
        params: { logLevel: 'DEBUG' },
      },
      { name: 'insights', dir: '/repo/services/insights', dependsOn: ['platform', 'expenses'], params: {} },
    ]);
  });

  it('rejects a service without a path', () => {
    expect(() => parseCompose('services:\n  platform: {}\n', root)).toThrow(
      'service "platform" needs a "path"',
    );
  });

  it('rejects a dependency on an unknown service', () => {
    const text = 'services:\n  expenses:\n    path: x\n    dependsOn: platfrom\n';

    expect(() => parseCompose(text, root)).toThrow('depends on unknown service "platfrom"');
  });

  it('rejects compose variables in params, which need deployed stacks', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose variable, not a JS template
    const text = 'services:\n  a:\n    path: a\n    params:\n      bus: ${platform.EventBusArn}\n';

    expect(() => parseCompose(text, root)).toThrow(ComposeError);
  });

  it('rejects a file without services', () => {
    expect(() => parseCompose('state: local\n', root)).toThrow('has no "services" map');
  });
});

describe('dependencyLevels', () => {
  const service = (name: string, dependsOn: string[] = []) => ({ name, dir: name, dependsOn, params: {} });

  it('puts each service after everything it depends on, keeping declaration order within a level', () => {
    const services = [
      service('insights', ['catalog', 'expenses']),
      service('expenses', ['platform']),
      service('platform'),
      service('catalog', ['platform']),
      service('notifications', ['platform']),
    ];

    const levels = dependencyLevels(services).map((level) => level.map((s) => s.name));

    expect(levels).toEqual([['platform'], ['expenses', 'catalog', 'notifications'], ['insights']]);
    expect(topologicalOrder(services).map((s) => s.name)).toEqual([
      'platform',
      'expenses',
      'catalog',
      'notifications',
      'insights',
    ]);
  });

  it('names the services of a cycle', () => {
    const services = [service('platform'), service('a', ['b']), service('b', ['a'])];

    expect(() => dependencyLevels(services)).toThrow('dependsOn forms a cycle among: a, b');
  });
});
