import type { ResourceProvider } from '../../core/resources';
import { type FunctionDeployer, functionProvider } from './functionProvider';
import { Reporter } from './reporter';
import { type InvokeConfigSink, supportingProviders } from './supportingProviders';

/**
 * Every resource provider of the Lambda engine: Function, EventInvokeConfig, Permission, Version, Alias and
 * the functions' LogGroups (their RetentionInDays is kept in `retention`).
 */
export function lambdaProviders(
  engine: FunctionDeployer & InvokeConfigSink,
  retention: Map<string, number | undefined> = new Map(),
): ResourceProvider[] {
  const reporter = new Reporter();
  return [functionProvider(engine, reporter), ...supportingProviders(engine, reporter, retention)];
}
