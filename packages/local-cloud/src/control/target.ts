import { AwsApiError } from '../core/errors';
import { type Engines, settleEngines } from '../engines';
import { NotSettledError } from '../settle';
import type { ControlTarget } from './routes';

/** The control API's view of the running engines. */
export function controlTarget(engines: Engines): ControlTarget {
  return {
    mintToken: (user, scopes) => engines.auth.mintToken({ user, ...(scopes?.length ? { scopes } : {}) }),
    invoke: async (functionRef, payload) => {
      const invocation = await engines.lambda.run(functionRef, JSON.stringify(payload), 'wait');
      return {
        ...invocation.outcome,
        requestId: invocation.requestId,
        logs: Buffer.from(invocation.logTail, 'base64').toString('utf8').split('\n').filter(Boolean),
      };
    },
    tail: (listener) => engines.events.tail(listener),
    queues: () => engines.sqs.queues(),
    redrive: (queue) => engines.sqs.redrive(queue),
    executions: (limit) =>
      engines.sfn
        .executions()
        .slice(-limit)
        .map((execution) => ({
          name: execution.name,
          stateMachine: execution.stateMachineArn.split(':').pop(),
          status: execution.status,
          startDate: execution.startDate.toISOString(),
          stopDate: execution.stopDate?.toISOString(),
          error: execution.error,
        })),
    schedules: () =>
      engines.scheduler.list().map((item) => ({
        name: item.id,
        kind: item.kind,
        expression: item.expression,
        state: item.state,
        next: item.nextFire?.toISOString(),
        fires: item.fires,
      })),
    runSchedule: (name) => engines.scheduler.runNow(name),
    alarms: () => engines.alarms.alarms(),
    setModelFaults: (faults) => {
      engines.model.faults.set(faults);
      return { faults };
    },
    modelRequests: (limit) => engines.model.requests.list(limit),
    functions: () => engines.lambda.functions(),
    s3: (bucket, prefix) =>
      bucket === undefined
        ? engines.s3.bucketNames().map((name) => {
            const config = engines.s3.config(name);
            return {
              name,
              objects: engines.s3.list(name).length,
              versioning: config.versioning ?? 'off',
              eventBridge: config.eventBridge,
            };
          })
        : engines.s3.list(bucket, prefix).map((object) => ({
            key: object.key,
            size: object.size,
            lastModified: object.lastModified,
            versionId: object.versionId,
            contentType: object.contentType,
          })),
    iamDenials: () => ({ mode: engines.iam.mode, denials: engines.iam.denials() }),
    iamCredentials: (functionName) => engines.iam.credentials(functionName),
    settle: async (timeoutMs) => {
      try {
        return { settled: true, ...(await settleEngines(engines, { timeoutMs })) };
      } catch (error) {
        if (!(error instanceof NotSettledError)) throw error;
        throw new AwsApiError(504, 'NotSettled', error.message);
      }
    },
  };
}
