import type { LocalCloudConfig } from './config';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account id, e.g. `function:name`, `table/name/stream/…`, `queue-name`. */
  resource: string;
}

/** Builds an ARN of this local account and region. */
export const arnOf = (
  config: Pick<LocalCloudConfig, 'region' | 'accountId'>,
  service: string,
  resource: string,
) => `arn:aws:${service}:${config.region}:${config.accountId}:${resource}`;

/** Splits an ARN; returns undefined for anything that is not one. */
export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId, ...rest] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, service, region, accountId, resource: rest.join(':') };
}
