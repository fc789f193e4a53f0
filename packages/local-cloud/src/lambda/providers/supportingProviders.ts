import { arnOf, parseArn } from '../../core/arn';
import { iamEvaluated, type LocalCloud } from '../../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../../core/resources';
import { functionNameOf } from '../functionRef';
import { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfig } from '../spec/FunctionSpec';
import type { Reporter } from './reporter';

/** What the supporting providers need of the engine. */
export interface InvokeConfigSink {
  setEventInvokeConfig(functionRef: string, config: EventInvokeConfig): void;
}

const DESTINATION_SERVICES = ['sqs', 'sns', 'lambda', 'events'];

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const destinationOf = (config: unknown, key: 'OnSuccess' | 'OnFailure'): string | undefined =>
  str((config as Record<string, { Destination?: unknown } | undefined> | undefined)?.[key]?.Destination);

function readInvokeConfig(
  resource: ResolvedResource,
  ctx: LocalCloud,
  reporter: Reporter,
): EventInvokeConfig {
  const props = resource.properties;
  const config: EventInvokeConfig = {
    maximumRetryAttempts: num(props.MaximumRetryAttempts) ?? DEFAULT_EVENT_INVOKE_CONFIG.maximumRetryAttempts,
    maximumEventAgeSeconds:
      num(props.MaximumEventAgeInSeconds) ?? DEFAULT_EVENT_INVOKE_CONFIG.maximumEventAgeSeconds,
  };
  for (const key of ['OnSuccess', 'OnFailure'] as const) {
    const destination = destinationOf(props.DestinationConfig, key);
    if (!destination) continue;
    if (DESTINATION_SERVICES.includes(parseArn(destination)?.service ?? '')) {
      config[key === 'OnSuccess' ? 'onSuccess' : 'onFailure'] = destination;
    } else {
      reporter.report(
        ctx,
        resource,
        `DestinationConfig.${key}`,
        `${destination}: only SQS, SNS, Lambda and EventBridge destinations are delivered`,
      );
    }
  }
  return config;
}

/** AWS::Lambda::EventInvokeConfig: retries, event age and destinations of a function's async invocations. */
function eventInvokeConfigProvider(engine: InvokeConfigSink, reporter: Reporter): ResourceProvider {
  return {
    types: ['AWS::Lambda::EventInvokeConfig'],
    async create(resource, ctx) {
      const functionRef = str(resource.properties.FunctionName) ?? '';
      const qualifier = str(resource.properties.Qualifier) ?? '$LATEST';
      const config = readInvokeConfig(resource, ctx, reporter);
      if (qualifier === '$LATEST') engine.setEventInvokeConfig(functionRef, config);
      else
        reporter.report(
          ctx,
          resource,
          'Qualifier',
          `only $LATEST is invoked locally; the config for ${qualifier} is not used`,
        );
      return { ref: `${functionNameOf(functionRef)}:${qualifier}`, attributes: {} };
    },
  };
}

/** AWS::Lambda::Permission: read by the local IAM; with `--iam off`, reported once per stack. */
function permissionProvider(reporter: Reporter): ResourceProvider {
  return {
    types: ['AWS::Lambda::Permission'],
    async create(resource, ctx) {
      const reason =
        'resource-based policies are not enforced (--iam off): any caller may invoke any function';
      if (!iamEvaluated(ctx)) reporter.report(ctx, resource, '*', reason, `permission:${resource.stack}`);
      return { ref: resource.logicalId, attributes: {} };
    },
  };
}

/** AWS::Lambda::Version and Alias: accepted as names for the $LATEST code (reported). */
function versionAndAliasProvider(reporter: Reporter): ResourceProvider {
  const versions = new Map<string, number>();
  return {
    types: ['AWS::Lambda::Version', 'AWS::Lambda::Alias'],
    async create(resource, ctx): Promise<CreatedResource> {
      const name = functionNameOf(str(resource.properties.FunctionName) ?? '');
      const functionArn = arnOf(ctx.config, 'lambda', `function:${name}`);
      reporter.report(
        ctx,
        resource,
        '*',
        'versions and aliases run the $LATEST code; qualifiers are ignored',
      );
      if (resource.type === 'AWS::Lambda::Alias') {
        const aliasArn = `${functionArn}:${str(resource.properties.Name) ?? resource.logicalId}`;
        return { ref: aliasArn, attributes: { AliasArn: aliasArn } };
      }
      const version = String((versions.get(name) ?? 0) + 1);
      versions.set(name, Number(version));
      return { ref: `${functionArn}:${version}`, attributes: { Version: version, FunctionArn: functionArn } };
    },
  };
}

/** AWS::Logs::LogGroup: accepted; function logs go to the local log sink, kept regardless of RetentionInDays. */
function logGroupProvider(retention: Map<string, number | undefined>): ResourceProvider {
  return {
    types: ['AWS::Logs::LogGroup'],
    async create(resource, ctx) {
      const name = str(resource.properties.LogGroupName) ?? `${resource.stack}-${resource.logicalId}`;
      retention.set(name, num(resource.properties.RetentionInDays));
      return { ref: name, attributes: { Arn: arnOf(ctx.config, 'logs', `log-group:${name}:*`) } };
    },
  };
}

/** The providers of the resources that accompany functions. */
export function supportingProviders(
  engine: InvokeConfigSink,
  reporter: Reporter,
  retention: Map<string, number | undefined>,
) {
  return [
    eventInvokeConfigProvider(engine, reporter),
    permissionProvider(reporter),
    versionAndAliasProvider(reporter),
    logGroupProvider(retention),
  ];
}
