import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import {
  createArchive,
  deleteArchive,
  describeArchiveAction,
  describeReplayAction,
  listArchives,
  startReplay,
} from './apiArchives';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './apiBuses';
import { putEvents, testEventPattern } from './apiEvents';
import type { Input } from './apiInput';
import {
  deleteRule,
  describeRule,
  listRules,
  listTargetsByRule,
  putRule,
  putTargets,
  removeTargets,
  setRuleState,
} from './apiRules';
import type { EventBridgeEngine } from './engine';

type Operation = (engine: EventBridgeEngine, input: Input) => object | Promise<object>;

/** The EventBridge operations the local cloud answers, by X-Amz-Target action. */
const OPERATIONS: Record<string, Operation> = {
  PutEvents: putEvents,
  TestEventPattern: testEventPattern,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  EnableRule: setRuleState('ENABLED'),
  DisableRule: setRuleState('DISABLED'),
  PutTargets: putTargets,
  RemoveTargets: removeTargets,
  ListTargetsByRule: listTargetsByRule,
  ListEventBuses: listEventBuses,
  DescribeEventBus: describeEventBus,
  CreateEventBus: createEventBus,
  DeleteEventBus: deleteEventBus,
  CreateArchive: createArchive,
  DescribeArchive: describeArchiveAction,
  ListArchives: listArchives,
  DeleteArchive: deleteArchive,
  StartReplay: startReplay,
  DescribeReplay: describeReplayAction,
};

/** The EventBridge API (`AWSEvents.<Action>`, awsJson1_1) over the engine, for the shared endpoint. */
export function createEventsApi(engine: EventBridgeEngine): AwsApi {
  return {
    services: ['events'],
    accepts: (request) => request.target === undefined || request.target.startsWith('AWSEvents.'),
    handle: (request) => handleEventsRequest(engine, request),
  };
}

async function handleEventsRequest(engine: EventBridgeEngine, request: AwsRequest): Promise<AwsResponse> {
  const operation = OPERATIONS[request.action];
  if (!operation) {
    throw new AwsApiError(
      400,
      'UnknownOperationException',
      `The local cloud does not emulate EventBridge ${request.action || 'requests without X-Amz-Target'}`,
    );
  }
  return { status: 200, body: await operation(engine, decode(request.body)) };
}

function decode(body: Buffer): Input {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Input;
  } catch {
    // answered below
  }
  throw new AwsApiError(400, 'SerializationException', 'The request body is not a JSON object.');
}
