/** The EventBridge resources the local bus keeps, in the shapes the EventBridge API uses for them. */

/** How long and how often delivery to a target is retried (AWS defaults: 185 attempts over 24 hours). */
export interface RetryPolicy {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

/** A rule target as PutTargets takes it; parameters of target kinds the local cloud does not run are kept as given. */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  RetryPolicy?: RetryPolicy;
  DeadLetterConfig?: { Arn?: string };
  SqsParameters?: { MessageGroupId?: string };
  [parameter: string]: unknown;
}

export interface Bus {
  name: string;
  arn: string;
  creationTime: Date;
}

export interface Rule {
  name: string;
  busName: string;
  arn: string;
  state: string;
  /** The pattern as the API returns it (a JSON string) and parsed, for matching. */
  eventPatternText?: string;
  eventPattern?: unknown;
  scheduleExpression?: string;
  description?: string;
  roleArn?: string;
  targets: Map<string, Target>;
}

/** A rule with its bus, as targets and metrics need it. */
export type RuleRef = Pick<Rule, 'name' | 'busName' | 'arn'>;

/** `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` is an enabled state too. */
export const isEnabled = (rule: Pick<Rule, 'state'>) => rule.state.startsWith('ENABLED');
