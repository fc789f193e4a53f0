/** An event source mapping from a DynamoDB stream to a function, as the poller runs it. */
export interface StreamMapping {
  /** `stack/LogicalId`, for messages and checkpoint files. */
  name: string;
  uuid: string;
  /** FunctionName as the template gives it (name or ARN). */
  functionRef: string;
  functionArn: string;
  streamArn: string;
  batchSize: number;
  batchingWindowMs: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1: retry until the record expires. */
  maximumRetryAttempts: number;
  bisectOnError: boolean;
  reportBatchItemFailures: boolean;
  /** SQS queue or SNS topic ARN for discarded batches. */
  onFailure?: string;
  filters?: { Pattern: string }[];
}

/** Timings of the stream machinery (shortened in tests). */
export interface StreamTimings {
  /** Pause between GetRecords calls on a shard with nothing new (Lambda polls 4 times a second). */
  pollIntervalMs: number;
  /** How often new shards are looked for. */
  discoveryIntervalMs: number;
  /** First pause before retrying a failed batch; doubles up to 30 s. */
  retryBaseDelayMs: number;
}

export const DEFAULT_STREAM_TIMINGS: StreamTimings = {
  pollIntervalMs: 250,
  discoveryIntervalMs: 5_000,
  retryBaseDelayMs: 1_000,
};
