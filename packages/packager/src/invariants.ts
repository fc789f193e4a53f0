import { checkAlarms } from './invariants/alarms';
import { checkAsyncInvocation } from './invariants/asyncInvocation';
import {
  checkBuckets,
  checkDistributions,
  checkOriginSecretReaders,
  checkWafLogging,
} from './invariants/edge';
import { checkEventRules } from './invariants/eventRules';
import { checkHttpRoutes } from './invariants/httpRoutes';
import { checkIam } from './invariants/iam';
import { checkFunctions } from './invariants/lambda';
import { checkLogGroups } from './invariants/logGroups';
import { checkPlatformOwned } from './invariants/platformOwned';
import { checkQueues } from './invariants/queues';
import type { Rule, Violation } from './invariants/rules';
import { checkStreams } from './invariants/streams';
import { checkTables } from './invariants/tables';
import type { CfnTemplate } from './template';

export { checkBackupCoverage, type PackagedTemplate } from './invariants/backup';
export { RULES, type RuleId, type Violation } from './invariants/rules';

export interface CheckOptions {
  /** The stage the template was packaged for: names built by convention must use it. Any stage when absent. */
  stage?: string;
}

const CHECKS: Rule[] = [
  checkFunctions,
  checkIam,
  checkQueues,
  checkStreams,
  checkEventRules,
  checkTables,
  checkHttpRoutes,
  checkLogGroups,
  checkAlarms,
  checkAsyncInvocation,
  checkPlatformOwned,
  checkBuckets,
  checkDistributions,
  checkWafLogging,
  checkOriginSecretReaders,
];

/**
 * Checks a packaged CloudFormation template against every Spendwise invariant (see `RULES`) and returns what
 * it breaks; an empty list means the template keeps them all. Pure: reads nothing but its arguments.
 *
 * @example
 * const violations = checkTemplate(await loadTemplate('services/expenses'), 'expenses', { stage: 'dev' });
 */
export function checkTemplate(
  template: CfnTemplate,
  serviceName: string,
  options: CheckOptions = {},
): Violation[] {
  const context = { template, service: serviceName, ...(options.stage ? { stage: options.stage } : {}) };
  return CHECKS.flatMap((check) => check(context));
}
