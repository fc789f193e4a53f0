import { arnOf, parseArn } from '../core/arn';
import type { LocalCloudConfig } from '../core/config';

type Account = Pick<LocalCloudConfig, 'region' | 'accountId'>;

export const DEFAULT_BUS = 'default';

/** `arn:aws:events:<region>:<account>:event-bus/<name>`. */
export const busArn = (config: Account, name: string) => arnOf(config, 'events', `event-bus/${name}`);

/** Rules on the default bus are `rule/<name>`; rules on a custom bus are `rule/<bus>/<name>`. */
export const ruleArn = (config: Account, busName: string, name: string) =>
  arnOf(config, 'events', busName === DEFAULT_BUS ? `rule/${name}` : `rule/${busName}/${name}`);

export const archiveArn = (config: Account, name: string) => arnOf(config, 'events', `archive/${name}`);

export const replayArn = (config: Account, name: string) => arnOf(config, 'events', `replay/${name}`);

/** The bus a `EventBusName` value (a name, an ARN, or nothing) refers to. */
export function busNameOf(reference: unknown): string {
  if (typeof reference !== 'string' || reference === '') return DEFAULT_BUS;
  const arn = parseArn(reference);
  if (!arn) return reference;
  return arn.resource.startsWith('event-bus/') ? arn.resource.slice('event-bus/'.length) : reference;
}

/**
 * CloudFormation's `Ref` of an `AWS::Events::Rule`: the rule name, or `<bus>|<rule>` for a rule on a custom bus
 * (observed behaviour, see aws-cloudformation/cloudformation-coverage-roadmap#1131).
 */
export const ruleRefValue = (busName: string, name: string) =>
  busName === DEFAULT_BUS ? name : `${busName}|${name}`;
