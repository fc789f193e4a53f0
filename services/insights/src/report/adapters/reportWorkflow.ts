import {
  DescribeExecutionCommand,
  type ExecutionStatus,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { ReportJob } from '../domain/report';
import type { EndedExecution, ListEndedExecutions, StartReportWorkflow } from '../ports';

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

const ENDED: EndedExecution['status'][] = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * The report executions that ended without succeeding since a moment: ListExecutions per status (newest first,
 * paged until older than `since`), then DescribeExecution for each one's input (the report job).
 *
 * @example const list = buildEndedExecutions(new SFNClient({}), { stateMachineArn }); await list(yesterday);
 */
export function buildEndedExecutions(client: SFNClient, config: ReportWorkflowConfig): ListEndedExecutions {
  const describe = async (executionArn: string | undefined, status: EndedExecution['status']) => {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    const ended: EndedExecution = { job: JSON.parse(execution.input ?? '{}') as ReportJob, status };
    if (execution.error) ended.error = execution.error;
    if (execution.cause) ended.cause = execution.cause;
    return ended;
  };

  /** The executions with one status started since `since`, newest first. */
  const withStatus = async (status: EndedExecution['status'], since: Date) => {
    const ended: EndedExecution[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: config.stateMachineArn,
          statusFilter: status as ExecutionStatus,
          maxResults: 100,
          nextToken,
        }),
      );
      const recent = (page.executions ?? []).filter((item) => !item.startDate || item.startDate >= since);
      for (const item of recent) ended.push(await describe(item.executionArn, status));
      // Newest first: once one page reaches older executions, the next pages are all older.
      nextToken = recent.length === (page.executions ?? []).length ? page.nextToken : undefined;
    } while (nextToken);
    return ended;
  };

  return async (since) => {
    const ended: EndedExecution[] = [];
    for (const status of ENDED) ended.push(...(await withStatus(status, since)));
    return ended;
  };
}
