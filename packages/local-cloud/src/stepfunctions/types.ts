/** Records the Step Functions engine keeps, in the shapes its API answers with. */

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One entry of GetExecutionHistory: `type`, ids, timestamp and one `<type>EventDetails` field. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  /** JSON text, as the API returns it. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  history: HistoryEvent[];
  /**
   * The X-Ray trace header the execution was started with (StartExecution's `X-Amzn-Trace-Id` header, else its
   * `traceHeader` field), as DescribeExecution returns it: the execution continues that trace.
   */
  traceHeader?: string;
}

/** A CloudWatch Logs destination from LoggingConfiguration. */
export interface ExecutionLogging {
  level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData: boolean;
  logGroups: string[];
}

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  /** The definition as deployed (substitutions applied), JSON text. */
  definition: string;
  roleArn: string;
  creationDate: Date;
  logging: ExecutionLogging;
  tracingEnabled: boolean;
}
