/** Architecture rules for Spendwise, checked in CI by `pnpm lint`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'Domain code holds rules and state changes only: no adapters, no AWS SDK, no middy or Powertools.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: {
        path: [
          '^services/[^/]+/src/(adapters|functions)/',
          '@aws-sdk/',
          '@smithy/',
          '@middy/',
          '@aws-lambda-powertools/',
          '@spendwise/lambda-kit',
        ],
      },
    },
    {
      name: 'services-are-independent',
      comment: 'A service never imports another service: they talk through events and HTTP only.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-do-not-import-services',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.serverless|\\.esbuild)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
