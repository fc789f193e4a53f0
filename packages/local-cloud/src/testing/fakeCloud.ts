import { defaultConfig, type LocalCloudConfig } from '../core/config';
import type { LocalCloud } from '../core/context';
import type { Unsupported } from '../core/errors';
import type { BusEvent, InvokeOutcome, MetricDatum, OutgoingMessage, PutEventsEntry } from '../core/ports';

/**
 * A LocalCloud whose ports record what they are asked and answer from overridable functions, for testing one
 * engine alone. Replace any port with a real engine: `cloud.sqs = new SqsEngine(cloud)`.
 */
export function fakeCloud(overrides: Partial<LocalCloudConfig> = {}) {
  const recorded = {
    invocations: [] as { functionRef: string; payload: unknown; async: boolean }[],
    sent: [] as { queueRef: string; message: OutgoingMessage }[],
    published: [] as { topicArn: string; message: string; subject?: string; attributes?: unknown }[],
    events: [] as PutEventsEntry[],
    executions: [] as { stateMachineArn: string; input: string }[],
    metrics: [] as MetricDatum[],
    logs: [] as { logGroup: string; line: string }[],
    unsupported: [] as Unsupported[],
    messages: [] as string[],
  };
  const answers = {
    invoke: async (_ref: string, _payload: unknown): Promise<InvokeOutcome> => ({
      ok: true,
      result: undefined,
      durationMs: 1,
      coldStart: false,
    }),
  };
  const parameters = new Map<string, string>();
  let ids = 0;
  const listeners = new Set<(bus: string, event: BusEvent) => void>();
  const cloud: LocalCloud = {
    config: defaultConfig('/tmp/spendwise-fake', {
      dataDir: '/tmp/spendwise-fake/.local-cloud',
      ...overrides,
    }),
    lambda: {
      invoke: async (functionRef, payload, options) => {
        recorded.invocations.push({ functionRef, payload, async: options?.async ?? false });
        return answers.invoke(functionRef, payload);
      },
      has: () => true,
    },
    sqs: {
      send: async (queueRef, message) => {
        recorded.sent.push({ queueRef, message });
        return { messageId: `msg-${++ids}` };
      },
      has: () => true,
    },
    sns: {
      publish: async (topicArn, message) => {
        recorded.published.push({ topicArn, ...message });
        return { messageId: `sns-${++ids}` };
      },
      has: () => true,
    },
    events: {
      putEvents: async (entries) => {
        recorded.events.push(...entries);
        return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: `ev-${++ids}` })) };
      },
      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    sfn: {
      startExecution: async (stateMachineArn, input) => {
        recorded.executions.push({ stateMachineArn, input });
        return { executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:run-${++ids}` };
      },
    },
    metrics: {
      put: (datum) => recorded.metrics.push(datum),
      statistic: () => undefined,
    },
    logs: { write: (logGroup, line) => recorded.logs.push({ logGroup, line }) },
    ssm: { get: (name) => parameters.get(name), put: (name, value) => void parameters.set(name, value) },
    report: (item) => recorded.unsupported.push(item),
    log: (message) => recorded.messages.push(message),
  };
  return { cloud, recorded, answers };
}
