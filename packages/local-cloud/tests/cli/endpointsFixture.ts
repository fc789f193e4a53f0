import type { EndpointsFile } from '../../src/cli/endpointsFile';

/** What a local cloud answering on `awsEndpoint` publishes for the CLI (`.local-cloud/endpoints.json`). */
export const endpointsAt = (awsEndpoint: string, pid = 1): EndpointsFile => ({
  awsEndpoint,
  region: 'eu-west-1',
  stage: 'dev',
  accountId: '000000000000',
  apis: {},
  issuers: [],
  outbox: '',
  logs: '',
  startedAt: new Date().toISOString(),
  pid,
});
