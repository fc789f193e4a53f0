import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { StartReportWorkflow } from '../ports';

export interface ReportWorkflowConfig {
  stateMachineArn: string;
}

/**
 * Starts report executions named by the report id (the name shows in the workflow's logs). The workflow is
 * EXPRESS (ADR 29): Step Functions does not refuse a name used before, so starting is not idempotent here;
 * callers start a report only after they wrote it pending themselves (`reserveReport`, `savePendingReport`:
 * conditional puts), which is what makes a repeated request or a re-run of the monthly schedule start nothing
 * twice. `ExecutionAlreadyExists` (a STANDARD state machine) still reads as already started.
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
