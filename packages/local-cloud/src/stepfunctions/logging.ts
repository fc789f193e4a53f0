import type { LogSink } from '../core/ports';
import type { ExecutionLogging, ExecutionRecord, HistoryEvent } from './types';

const ERROR_EVENT = /(Failed|TimedOut|Aborted)$/;
const FATAL_EVENT = /^Execution(Failed|TimedOut|Aborted)$/;

/** Whether LoggingConfiguration's level logs this event type. */
export function isLogged(level: ExecutionLogging['level'], type: string): boolean {
  if (level === 'ALL') return true;
  if (level === 'ERROR') return ERROR_EVENT.test(type);
  if (level === 'FATAL') return FATAL_EVENT.test(type);
  return false;
}

/** Drops input/output from event details when IncludeExecutionData is false. */
function detailsOf(event: HistoryEvent, includeData: boolean): unknown {
  const key = Object.keys(event).find((name) => name.endsWith('EventDetails'));
  if (!key) return {};
  const details = event[key] as Record<string, unknown>;
  if (includeData) return details;
  const { input: _input, output: _output, ...rest } = details;
  return rest;
}

/** Writes one history event to the state machine's CloudWatch Logs groups, in Step Functions' log format. */
export function logHistoryEvent(
  logs: LogSink,
  logging: ExecutionLogging,
  record: ExecutionRecord,
  event: HistoryEvent,
): void {
  if (!isLogged(logging.level, event.type)) return;
  const line = JSON.stringify({
    id: String(event.id),
    type: event.type,
    details: detailsOf(event, logging.includeExecutionData),
    previous_event_id: String(event.previousEventId),
    event_timestamp: String(event.timestamp.getTime()),
    execution_arn: record.executionArn,
  });
  for (const group of logging.logGroups) logs.write(group, line, { source: 'states' });
}

/** Reads LoggingConfiguration (`Level`, `IncludeExecutionData`, CloudWatch Logs destinations). */
export function loggingFromProperties(value: unknown): ExecutionLogging {
  const config = (value ?? {}) as {
    Level?: ExecutionLogging['level'];
    IncludeExecutionData?: boolean;
    Destinations?: { CloudWatchLogsLogGroup?: { LogGroupArn?: string } }[];
  };
  const logGroups = (config.Destinations ?? [])
    .map((destination) => destination.CloudWatchLogsLogGroup?.LogGroupArn ?? '')
    .map((arn) => arn.split(':log-group:')[1]?.replace(/:\*$/, '') ?? '')
    .filter(Boolean);
  return {
    level: config.Level ?? 'OFF',
    includeExecutionData: config.IncludeExecutionData ?? false,
    logGroups,
  };
}
