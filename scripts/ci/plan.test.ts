import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { type PlanService, planDeploy } from './plan';
import { readWorkspace, type WorkspacePackage } from './workspace';

// A fixture workspace shaped like Spendwise's: services bundle libraries, libraries bundle each other, and
// test-only packages are devDependencies (absent here on purpose).
const packages: WorkspacePackage[] = [
  { name: '@x/contracts', dir: 'packages/contracts', dependencies: [] },
  { name: '@x/lambda-kit', dir: 'packages/lambda-kit', dependencies: [] },
  { name: '@x/outbox', dir: 'packages/outbox', dependencies: ['@x/contracts', '@x/lambda-kit'] },
  { name: '@x/client', dir: 'packages/client', dependencies: [] },
  { name: '@x/test-kit', dir: 'packages/test-kit', dependencies: [] },
  { name: '@x/platform', dir: 'services/platform', dependencies: [] },
  { name: '@x/expenses', dir: 'services/expenses', dependencies: ['@x/lambda-kit', '@x/outbox'] },
  { name: '@x/catalog', dir: 'services/catalog', dependencies: ['@x/lambda-kit', '@x/outbox'] },
  { name: '@x/edge', dir: 'services/edge', dependencies: ['@x/lambda-kit'] },
  { name: '@x/web', dir: 'apps/web', dependencies: ['@x/client'] },
];
const services: PlanService[] = [
  { name: 'platform', dir: 'services/platform', dependsOn: [] },
  // Declared before catalog but after it in no level: order comes from dependsOn levels, then declaration.
  { name: 'edge', dir: 'services/edge', dependsOn: ['expenses', 'catalog'], region: 'us-east-1' },
  { name: 'expenses', dir: 'services/expenses', dependsOn: ['platform'] },
  { name: 'catalog', dir: 'services/catalog', dependsOn: ['platform'] },
];
const plan = (changedFiles: string[], baseServices?: PlanService[]) =>
  planDeploy({
    changedFiles,
    packages,
    services,
    ...(baseServices ? { baseServices } : {}),
    webDir: 'apps/web',
  });
const names = (changedFiles: string[]) => plan(changedFiles).targets.map((t) => t.name);

describe('planDeploy', () => {
  it('deploys a changed service and the services that depend on it, in compose order', () => {
    const result = plan(['services/catalog/src/handlers/createCategory.ts']);

    expect(result.targets.map((t) => t.name)).toEqual(['catalog', 'edge']);
    expect(result.targets[0]!.reasons).toEqual(['changed: services/catalog/src/handlers/createCategory.ts']);
    expect(result.targets[1]).toEqual({
      name: 'edge',
      kind: 'service',
      region: 'us-east-1',
      reasons: ['depends on catalog (serverless-compose.yml dependsOn), deployed before it'],
    });
    expect(result.unchanged).toEqual(['platform', 'expenses', 'web']);
  });

  it('deploys platform first and everything that depends on it after it', () => {
    expect(names(['services/platform/resources/bus.yml'])).toEqual([
      'platform',
      'expenses',
      'catalog',
      'edge',
      'web',
    ]);
  });

  it('deploys every service that bundles a changed library, through the dependency graph', () => {
    const result = plan(['packages/contracts/src/createEvent.ts']);

    expect(result.targets.map((t) => t.name)).toEqual(['expenses', 'catalog', 'edge']);
    expect(result.targets[0]!.reasons).toEqual([
      'bundles @x/contracts via @x/outbox (changed: packages/contracts/src/createEvent.ts)',
    ]);
    // edge does not bundle contracts: it deploys because the APIs it fronts do.
    expect(result.targets[2]!.reasons).toEqual([
      'depends on expenses, catalog (serverless-compose.yml dependsOn), deployed before it',
    ]);
  });

  it('treats events/ as an input of the contracts package', () => {
    const result = plan(['events/expenses/ExpenseRecorded.v1.schema.json']);

    expect(result.files[0]).toMatchObject({ effect: 'package', package: '@x/contracts' });
    expect(names(['events/expenses/ExpenseRecorded.v1.schema.json'])).toEqual([
      'expenses',
      'catalog',
      'edge',
    ]);
  });

  it('deploys every service and the web app when the lockfile changes', () => {
    const result = plan(['pnpm-lock.yaml']);

    expect(result.targets.map((t) => t.name)).toEqual(['platform', 'expenses', 'catalog', 'edge', 'web']);
    expect(result.targets[0]!.reasons).toEqual(['pnpm-lock.yaml changed (every bundle is rebuilt)']);
  });

  it('deploys nothing for tests, docs, test-only packages, library files outside src/ or CI files', () => {
    const result = plan([
      'services/catalog/tests/catalog.int.test.ts',
      'services/catalog/src/domain/category.test.ts',
      'services/expenses/README.md',
      'packages/test-kit/src/clock.ts',
      'packages/lambda-kit/tsconfig.json',
      'docs/delivery.md',
      '.github/workflows/ci.yml',
    ]);

    expect(result.targets).toEqual([]);
    expect(result.files.find((f) => f.file === 'docs/delivery.md')?.note).toBe('not bundled by any service');
    expect(result.files.find((f) => f.file === 'packages/lambda-kit/tsconfig.json')?.effect).toBe('none');
  });

  it('deploys the web app alone when only the app or a library it bundles changes', () => {
    expect(names(['apps/web/src/pages/Expenses.tsx'])).toEqual(['web']);
    expect(plan(['packages/client/src/index.ts']).targets).toEqual([
      { name: 'web', kind: 'web', reasons: ['bundles @x/client (changed: packages/client/src/index.ts)'] },
    ]);
  });

  it('deploys the compose entries that changed, and lists the removed ones without deleting anything', () => {
    const base: PlanService[] = [
      ...services.filter((s) => s.name !== 'edge'),
      { name: 'edge', dir: 'services/edge', dependsOn: ['expenses'], region: 'us-east-1' },
      { name: 'legacy', dir: 'services/legacy', dependsOn: [] },
    ];

    const result = plan(['serverless-compose.yml'], base);

    expect(result.targets.map((t) => t.name)).toEqual(['edge']);
    expect(result.targets[0]!.reasons).toEqual(['its serverless-compose.yml entry changed']);
    expect(result.removed).toEqual(['legacy']);
  });

  it('gives every reason once, most direct first, for a service hit several ways', () => {
    const result = plan(['services/expenses/serverless.yml', 'packages/lambda-kit/src/http.ts']);

    expect(result.targets.find((t) => t.name === 'expenses')?.reasons).toEqual([
      'changed: services/expenses/serverless.yml',
      'bundles @x/lambda-kit (changed: packages/lambda-kit/src/http.ts)',
    ]);
  });
});

describe('planDeploy with a compared lockfile', () => {
  it('deploys only what installs a changed resolved package, and what depends on it', () => {
    const result = planDeploy({
      changedFiles: ['pnpm-lock.yaml'],
      packages,
      services,
      webDir: 'apps/web',
      lockfileChanges: new Map([['services/expenses', { added: 2, removed: 1 }]]),
    });

    expect(result.targets.map((t) => t.name)).toEqual(['expenses', 'edge']);
    expect(result.targets[0]!.reasons).toEqual([
      'pnpm-lock.yaml: what it installs changed (2 resolved package(s) added, 1 removed)',
    ]);
  });
});

describe('planDeploy on the Spendwise workspace', () => {
  const rootDir = fileURLToPath(new URL('../..', import.meta.url));
  const workspace = readWorkspace(rootDir);

  it('reads runtime dependencies only: test-kit is no dependency of a service bundle', () => {
    const catalog = workspace.find((p) => p.dir === 'services/catalog');

    expect(catalog?.dependencies).toEqual(
      expect.arrayContaining(['@spendwise/contracts', '@spendwise/lambda-kit', '@spendwise/outbox']),
    );
    expect(catalog?.dependencies).not.toContain('@spendwise/test-kit');
  });

  it('deploys every Lambda service, not the platform, for a change to lambda-kit', () => {
    const result = planDeploy({
      changedFiles: ['packages/lambda-kit/src/index.ts'],
      packages: workspace,
      services: [
        { name: 'platform', dir: 'services/platform', dependsOn: [] },
        { name: 'expenses', dir: 'services/expenses', dependsOn: ['platform'] },
        { name: 'catalog', dir: 'services/catalog', dependsOn: ['platform'] },
        { name: 'edge', dir: 'services/edge', dependsOn: ['expenses', 'catalog'], region: 'us-east-1' },
      ],
    });

    expect(result.targets.map((t) => t.name)).toEqual(['expenses', 'catalog', 'edge']);
    expect(result.unchanged).toEqual(['platform']);
  });
});
