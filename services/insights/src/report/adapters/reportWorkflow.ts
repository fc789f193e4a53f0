import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { StartReportWorkflow } from '../ports';

export interface ReportWorkflowConfig {
  stateMachineArn: string;
}

/**
 * Starts report executions named by the report id. Step Functions refuses a second execution of a STANDARD state
 * machine with a name already used (ExecutionAlreadyExists) for 90 days, which makes starting idempotent.
 *
 * @example const start = buildReportWorkflow(new SFNClient({}), { stateMachineArn: requireEnv('REPORT_STATE_MACHINE_ARN') });
 */
export function buildReportWorkflow(client: SFNClient, config: ReportWorkflowConfig): StartReportWorkflow {
  return async (job) => {
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn: config.stateMachineArn,
          name: job.reportId,
          input: JSON.stringify({
            userId: job.userId,
            month: job.month,
            reportId: job.reportId,
            correlationId: job.correlationId,
          }),
        }),
      );
      return 'started';
    } catch (error) {
      if ((error as { name?: string }).name === 'ExecutionAlreadyExists') return 'already-started';
      throw error;
    }
  };
}
