import { randomBytes } from 'node:crypto';
import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import { resourceReporter } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import type { SchedulerEngine } from './engine';
import { type ScheduleTarget, unsupportedTarget } from './targets';

/** Target fields that only apply to targets not emulated locally (ECS, Kinesis, SageMaker). */
const FOREIGN_TARGET_FIELDS = ['EcsParameters', 'KinesisParameters', 'SageMakerPipelineParameters'];

const generatedName = (logicalId: string) => `${logicalId}-${randomBytes(6).toString('hex')}`;

type Report = (property: string, reason: string) => void;

function reportSchedule(props: Record<string, unknown>, target: ScheduleTarget, report: Report): void {
  const window = props.FlexibleTimeWindow as { Mode?: string } | undefined;
  if (window?.Mode === 'FLEXIBLE')
    report('FlexibleTimeWindow', 'ignored: local schedules fire at the exact time');
  if (props.KmsKeyArn !== undefined)
    report('KmsKeyArn', 'KMS encryption of schedules is not emulated locally');
  const reason = unsupportedTarget(String(target.Arn ?? ''));
  if (reason) report('Target.Arn', reason);
  for (const field of FOREIGN_TARGET_FIELDS) {
    if (target[field] !== undefined)
      report(`Target.${field}`, 'not applicable to the targets emulated locally');
  }
}

/**
 * `AWS::Scheduler::Schedule` (Ref = name, GetAtt Arn) and `AWS::Scheduler::ScheduleGroup` (Ref = name, GetAtt
 * Arn, CreationDate, LastModificationDate, State) on the local scheduler. Target RoleArn is not needed locally.
 */
export class ScheduleProvider implements ResourceProvider {
  readonly types = ['AWS::Scheduler::Schedule', 'AWS::Scheduler::ScheduleGroup'] as const;

  constructor(private readonly scheduler: SchedulerEngine) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const props = resource.properties;
    const name = (props.Name as string | undefined) ?? generatedName(resource.logicalId);
    if (resource.type === 'AWS::Scheduler::ScheduleGroup') {
      const now = new Date().toISOString();
      const arn = arnOf(ctx.config, 'scheduler', `schedule-group/${name}`);
      return {
        ref: name,
        attributes: { Arn: arn, CreationDate: now, LastModificationDate: now, State: 'ACTIVE' },
      };
    }
    const target = props.Target as ScheduleTarget;
    const report: Report = resourceReporter(ctx, resource);
    reportSchedule(props, target, report);
    const arn = this.scheduler.addSchedule({
      name,
      groupName: props.GroupName as string | undefined,
      expression: String(props.ScheduleExpression),
      timeZone: props.ScheduleExpressionTimezone as string | undefined,
      state: props.State as 'ENABLED' | 'DISABLED' | undefined,
      startDate: props.StartDate ? new Date(String(props.StartDate)) : undefined,
      endDate: props.EndDate ? new Date(String(props.EndDate)) : undefined,
      target,
      actionAfterCompletion: props.ActionAfterCompletion as 'NONE' | 'DELETE' | undefined,
    });
    return { ref: name, attributes: { Arn: arn } };
  }
}
