/**
 * Reads what the system did on a running in-process local cloud, for the cost model: every DynamoDB call's
 * consumed capacity (the proxy's opt-in meter), every function invocation's REPORT line and every log line, every
 * message sent to a queue and every batch an event source mapping took, every event put on a bus and archived,
 * every SNS publish and e-mail, the Step Functions executions' histories, the Bedrock token metrics and the requests
 * the client sent to the service APIs. Nothing is counted by hand: a change that adds a write, a message or a
 * log line shows up.
 *
 * The taps wrap methods of the engines' instances (the ports the engines call each other through), so the local
 * cloud behaves exactly as without them.
 */
import { readdir } from 'node:fs/promises';
import { CapacityMeter } from '@spendwise/local-cloud/dynamodb/capacityMeter';
import type { RunningLocalCloud } from '@spendwise/local-cloud/localCloud';
import { expressGbSecondsOf, type Usage } from './model';
import { LOG_EVENT_OVERHEAD_BYTES } from './prices';

/** What the packaged templates say about a function and a state machine that the engines do not keep. */
export interface TemplateFacts {
  /** By function name: its architecture and whether Lambda traces it actively. */
  functions: Map<string, { architecture: 'arm64' | 'x86_64'; traced: boolean }>;
}

const CHUNK = 64 * 1024;
const chunksOf = (bytes: number) => Math.max(1, Math.ceil(bytes / CHUNK));
const lastSegment = (ref: string) => ref.split(/[:/]/).pop() ?? ref;

type Counter<T> = Map<string, T>;
const bump = <T extends Record<string, number>>(
  map: Counter<T>,
  key: string,
  fresh: () => T,
  change: (row: T) => void,
) => {
  let row = map.get(key);
  if (!row) {
    row = fresh();
    map.set(key, row);
  }
  change(row);
};

/** Attaches the taps to a running local cloud; `usage()` reads everything counted so far. */
export class CostMeter {
  private readonly capacity = new CapacityMeter();
  private readonly reports = new Map<
    string,
    { invocations: number; billedMs: number; coldStarts: number; initMs: number; durationsMs: number[] }
  >();
  private readonly logGroups: Counter<{ events: number; bytes: number }> = new Map();
  private readonly queues: Counter<{ sends: number; receives: number; deletes: number; apiCalls: number }> =
    new Map();
  private readonly events: Counter<{ events: number; bytes: number }> = new Map();
  private readonly eventBus = new Map<string, string>();
  private readonly topics: Counter<{ publishes: number }> = new Map();
  private readonly apiRequests: Counter<{ requests: number }> = new Map();
  private readonly restore: Array<() => void> = [];

  constructor(
    private readonly cloud: RunningLocalCloud,
    private readonly facts: TemplateFacts,
  ) {}

  /** Starts counting. */
  attach(): void {
    const { engines, logs } = this.cloud;
    engines.dynamodb.engine.api.measure(this.capacity);
    this.restore.push(() => engines.dynamodb.engine.api.measure(undefined));

    this.wrap(logs, 'write', (logGroup: string, line: string) => {
      bump(
        this.logGroups,
        logGroup,
        () => ({ events: 0, bytes: 0 }),
        (row) => {
          row.events += 1;
          row.bytes += Buffer.byteLength(line) + LOG_EVENT_OVERHEAD_BYTES;
        },
      );
      if (logGroup.startsWith('/aws/lambda/') && line.startsWith('REPORT ')) this.report(logGroup, line);
    });

    this.wrap(engines.sqs, 'send', (queueRef: string, message: { body: string }) => {
      bump(this.queues, lastSegment(queueRef), zeroQueue, (row) => {
        row.sends += chunksOf(Buffer.byteLength(message.body));
      });
    });
    this.wrap(engines.sqs, 'handle', (request: { body: Buffer }) => {
      const input = safeJson(request.body.toString('utf8')) as { QueueUrl?: string };
      bump(this.queues, lastSegment(input.QueueUrl ?? '(no queue)'), zeroQueue, (row) => {
        row.apiCalls += 1;
      });
    });
    // An event source mapping's batch: one ReceiveMessage and one DeleteMessageBatch, as Lambda's pollers make.
    this.wrap(engines.lambda, 'invoke', (_ref: string, payload: unknown) => {
      const first = (payload as { Records?: Array<{ eventSource?: string; eventSourceARN?: string }> })
        ?.Records?.[0];
      if (first?.eventSource !== 'aws:sqs' || !first.eventSourceARN) return;
      bump(this.queues, lastSegment(first.eventSourceARN), zeroQueue, (row) => {
        row.receives += 1;
        row.deletes += 1;
      });
    });

    this.wrap(
      engines.events,
      'putEvents',
      (entries: Array<{ Source?: string; DetailType?: string; Detail?: string; EventBusName?: string }>) => {
        for (const entry of entries ?? []) {
          // Events of AWS services (S3 notifications, schedules) are free on the default bus.
          if (entry.Source?.startsWith('aws.')) continue;
          const key = `${entry.Source ?? '?'} ${entry.DetailType ?? '?'}`;
          this.eventBus.set(key, lastSegment(entry.EventBusName ?? 'default'));
          const bytes = Buffer.byteLength(
            `${entry.Source ?? ''}${entry.DetailType ?? ''}${entry.Detail ?? ''}`,
          );
          bump(
            this.events,
            key,
            () => ({ events: 0, bytes: 0 }),
            (row) => {
              row.events += chunksOf(bytes);
              row.bytes += bytes;
            },
          );
        }
      },
    );

    this.wrap(engines.sns, 'publishMessage', (input: { topicArn: string; message: string }) => {
      bump(
        this.topics,
        lastSegment(input.topicArn),
        () => ({ publishes: 0 }),
        (row) => {
          row.publishes += chunksOf(Buffer.byteLength(input.message));
        },
      );
    });

    // The service APIs, as the client reaches them (API Gateway bills every request).
    const apis = Object.entries(this.cloud.endpoints.apis);
    const original = globalThis.fetch;
    globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const api = apis.find(([, base]) => url.startsWith(base));
      if (api)
        bump(
          this.apiRequests,
          api[0],
          () => ({ requests: 0 }),
          (row) => (row.requests += 1),
        );
      return original(input, init);
    };
    this.restore.push(() => {
      globalThis.fetch = original;
    });
  }

  /** Stops counting (the engines get their own methods back). */
  detach(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
  }

  /** Everything counted since `attach`, cumulative. */
  async usage(): Promise<Usage> {
    const { engines } = this.cloud;
    const deployed = new Map(engines.lambda.functions().map((fn) => [fn.name, fn]));
    const lambda = [...this.reports.entries()].map(([name, row]) => ({
      name,
      ...row,
      durationsMs: [...row.durationsMs],
      memoryMb: deployed.get(name)?.memoryMb ?? 128,
      architecture: this.facts.functions.get(name)?.architecture ?? ('x86_64' as const),
    }));

    const { workflows, calledByTracedWorkflow, machines, ownTraces } = this.workflows();
    const xray = this.traces(lambda, ownTraces, calledByTracedWorkflow, machines);
    const bedrock = this.modelTokens();

    const emails = await countFiles(engines.sns.outboxDir());
    const sns = [...this.topics.entries()].map(([topic, row]) => ({
      topic,
      publishes: row.publishes,
      emailDeliveries: 0,
      httpDeliveries: 0,
    }));
    if (emails > 0)
      sns.push({ topic: '(e-mail deliveries)', publishes: 0, emailDeliveries: emails, httpDeliveries: 0 });

    const archives = engines.events.archives.list().map((archive) => ({
      key: `archive ${archive.name}`,
      bus: archive.busName,
      events: 0,
      bytes: archive.events.reduce((sum, item) => sum + item.bytes, 0),
      archived: true,
    }));

    return {
      dynamodb: this.capacity.tables(),
      lambda,
      sqs: [...this.queues.entries()].map(([queue, row]) => ({ queue, ...row })),
      eventbridge: [
        ...[...this.events.entries()].map(([key, row]) => ({
          key,
          bus: this.eventBus.get(key) ?? 'default',
          ...row,
          archived: false,
        })),
        ...archives,
      ],
      sns,
      stepfunctions: [...workflows.values()],
      bedrock: [...bedrock.values()],
      logs: [...this.logGroups.entries()].map(([logGroup, row]) => ({ logGroup, ...row })),
      xray,
      apigateway: [...this.apiRequests.entries()].map(([api, row]) => ({ api, ...row })),
    };
  }

  /**
   * Per state machine: executions, transitions and Express GB-s; the executions that started a trace of their
   * own; and the functions traced workflows invoked.
   */
  private workflows() {
    const { engines } = this.cloud;
    const machines = new Map(engines.sfn.stateMachines().map((m) => [m.stateMachineArn, m]));
    const workflows = new Map<string, Usage['stepfunctions'][number]>();
    const ownTraces = new Map<string, number>();
    const calledByTracedWorkflow = new Map<string, number>();
    for (const execution of engines.sfn.executions()) {
      if (execution.status === 'RUNNING') continue;
      const machine = machines.get(execution.stateMachineArn);
      const name = machine?.name ?? lastSegment(execution.stateMachineArn);
      const row = workflows.get(name) ?? {
        stateMachine: name,
        type: execution.type,
        executions: 0,
        transitions: 0,
        expressGbSeconds: 0,
      };
      row.executions += 1;
      // Started with a trace header (the SDK sends the calling function's `_X_AMZN_TRACE_ID` as
      // `X-Amzn-Trace-Id`), the execution continues that trace; without one it starts its own.
      if (!execution.traceHeader) ownTraces.set(name, (ownTraces.get(name) ?? 0) + 1);
      row.transitions += transitionsOf(execution.history);
      row.expressGbSeconds += expressGbSecondsOf(
        (execution.stopDate ?? execution.startDate).getTime() - execution.startDate.getTime(),
      );
      workflows.set(name, row);
      if (machine?.tracingEnabled)
        for (const fn of functionsCalledIn(execution.history))
          calledByTracedWorkflow.set(fn, (calledByTracedWorkflow.get(fn) ?? 0) + 1);
    }

    return { workflows, calledByTracedWorkflow, machines, ownTraces };
  }

  /**
   * Traces recorded: each invocation of a traced function not made by a traced workflow, and each execution of a
   * traced workflow that was not started inside a trace (X-Ray counts a trace once, however many services it spans).
   */
  private traces(
    lambda: Usage['lambda'],
    ownTraces: Map<string, number>,
    calledByTracedWorkflow: Map<string, number>,
    machines: Map<string, { name: string; tracingEnabled: boolean }>,
  ): Usage['xray'] {
    const xray: Usage['xray'] = [];
    for (const fn of lambda) {
      if (!this.facts.functions.get(fn.name)?.traced) continue;
      const traces = fn.invocations - (calledByTracedWorkflow.get(fn.name) ?? 0);
      if (traces > 0) xray.push({ source: `function ${fn.name}`, traces });
    }
    for (const machine of machines.values()) {
      const traces = ownTraces.get(machine.name) ?? 0;
      if (machine.tracingEnabled && traces > 0) xray.push({ source: `workflow ${machine.name}`, traces });
    }

    return xray;
  }

  /** Tokens per model, from the local model's AWS/Bedrock metrics. */
  private modelTokens(): Map<string, Usage['bedrock'][number]> {
    const { engines } = this.cloud;
    const bedrock = new Map<string, Usage['bedrock'][number]>();
    const always = [new Date(0), new Date(8.64e15)] as const;
    for (const metric of engines.metrics.metrics()) {
      if (metric.namespace !== 'AWS/Bedrock' || !metric.dimensions.ModelId) continue;
      const model = metric.dimensions.ModelId;
      const row = bedrock.get(model) ?? { model, invocations: 0, inputTokens: 0, outputTokens: 0 };
      const sum = engines.metrics.aggregate(metric, ...always)?.sum ?? 0;
      if (metric.name === 'Invocations') row.invocations += sum;
      if (metric.name === 'InputTokenCount') row.inputTokens += sum;
      if (metric.name === 'OutputTokenCount') row.outputTokens += sum;
      bedrock.set(model, row);
    }
    return bedrock;
  }

  private report(logGroup: string, line: string): void {
    const field = (name: string) => {
      const match = new RegExp(`${name}: ([\\d.]+) ms`).exec(line);
      return match ? Number(match[1]) : undefined;
    };
    const duration = field('Duration') ?? 0;
    const init = field('Init Duration');
    const name = logGroup.slice('/aws/lambda/'.length);
    const row = this.reports.get(name) ?? {
      invocations: 0,
      billedMs: 0,
      coldStarts: 0,
      initMs: 0,
      durationsMs: [],
    };
    row.invocations += 1;
    row.billedMs += Math.ceil(duration);
    row.durationsMs.push(Math.ceil(duration));
    if (init !== undefined) {
      row.coldStarts += 1;
      row.initMs += init;
    }
    this.reports.set(name, row);
  }

  /** Calls `tap` with the arguments of every call of `target[method]`, then the method itself. */
  private wrap<T extends object>(target: T, method: string, tap: (...args: never[]) => void): void {
    const holder = target as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = holder[method];
    if (typeof original !== 'function') throw new Error(`cost meter: nothing to tap at ${method}`);
    const bound = original.bind(target);
    holder[method] = (...args: unknown[]) => {
      try {
        (tap as (...args: unknown[]) => void)(...args);
      } catch {
        // A tap never changes what the call does.
      }
      return bound(...args);
    };
    this.restore.push(() => {
      delete holder[method];
    });
  }
}

const zeroQueue = () => ({ sends: 0, receives: 0, deletes: 0, apiCalls: 0 });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * State transitions as Standard workflows bill them: every state entered, plus every retry of a task (a task
 * scheduled again within the same state).
 */
export function transitionsOf(history: Array<{ type: string }>): number {
  let transitions = 0;
  let scheduledInState = 0;
  for (const event of history) {
    if (event.type.endsWith('StateEntered')) {
      transitions += 1;
      scheduledInState = 0;
    } else if (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled') {
      scheduledInState += 1;
      if (scheduledInState > 1) transitions += 1;
    }
  }
  return transitions;
}

/** The functions an execution invoked (Lambda tasks), by function name, once per invocation. */
function functionsCalledIn(history: Array<{ type: string; [details: string]: unknown }>): string[] {
  const names: string[] = [];
  for (const event of history) {
    if (event.type === 'LambdaFunctionScheduled') {
      const details = event.lambdaFunctionScheduledEventDetails as { resource?: string } | undefined;
      if (details?.resource) names.push(lastSegment(details.resource));
    } else if (event.type === 'TaskScheduled') {
      const details = event.taskScheduledEventDetails as
        | { resource?: string; parameters?: string }
        | undefined;
      if (details?.resource?.startsWith('invoke') || details?.resource?.includes('lambda')) {
        const parameters = safeJson(details.parameters ?? '{}') as { FunctionName?: string };
        if (parameters.FunctionName)
          names.push(lastSegment(parameters.FunctionName.replace(/:\$LATEST$/, '')));
      }
    }
  }
  return names;
}

async function countFiles(dir: string): Promise<number> {
  try {
    return (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.eml')).length;
  } catch {
    return 0;
  }
}
