import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Activity, Settles } from './core/activity';
import { AwsApiError } from './core/errors';
import type { InvokeOutcome } from './core/ports';
import { EventBridgeEngine } from './events/engine';
import { manualScheduler } from './events/manualScheduler';
import { parsePattern } from './events/pattern';
import { NotSettledError, settle } from './settle';
import { SnsEngine } from './sns/snsEngine';
import { SqsEngine } from './sqs/engine';
import { StepFunctionsEngine } from './stepfunctions/engine';
import { fakeCloud } from './testing/fakeCloud';

const ok: InvokeOutcome = { ok: true, result: {}, durationMs: 1, coldStart: false };

/** A promise and the function that resolves it. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** An engine stand-in holding jobs; a finished job may hand work to another stage. */
class Stage implements Settles {
  private readonly jobs = new Set<Promise<void>>();
  private moves = 0;
  constructor(readonly name: string) {}

  add(work: () => Promise<void>): void {
    this.moves += 1;
    const job = work().finally(() => {
      this.jobs.delete(job);
      this.moves += 1;
    });
    this.jobs.add(job);
  }

  activity(): Activity {
    return { busy: this.jobs.size > 0 ? [`${this.name}: ${this.jobs.size} job(s)`] : [], moves: this.moves };
  }

  async settled(): Promise<void> {
    while (this.jobs.size > 0) await Promise.allSettled([...this.jobs]);
  }
}

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('settle', () => {
  it('returns after one pass when every engine is idle', async () => {
    const report = await settle([new Stage('a'), new Stage('b')]);

    expect(report.passes).toBe(1);
  });

  it('waits for work that finishing work hands to an engine already looked at', async () => {
    const [relay, bus, consumer] = [new Stage('relay'), new Stage('bus'), new Stage('consumer')];
    const consumed: string[] = [];
    // Each hop finishes after the engine it feeds has already been found idle in the same pass.
    relay.add(async () => {
      await later(20);
      bus.add(async () => {
        await later(20);
        consumer.add(async () => {
          await later(20);
          consumed.push('event');
        });
      });
    });

    const report = await settle([consumer, bus, relay]);

    expect(consumed).toEqual(['event']);
    expect(report.passes).toBeGreaterThan(1);
    expect([consumer, bus, relay].flatMap((stage) => stage.activity().busy)).toEqual([]);
  });

  it('does not accept a pass during which work started and ended, even if all looks idle at its end', async () => {
    let moves = 0;
    let looks = 0;
    // An engine idle whenever asked, whose work moved during the first pass only.
    const blinking: Settles = {
      activity: () => ({ busy: [], moves }),
      settled: async () => {
        looks += 1;
        if (looks === 1) moves += 2;
      },
    };

    const report = await settle([blinking]);

    expect(report.passes).toBe(2);
  });

  it('says what is still in hand when it gives up', async () => {
    const stuck: Settles = {
      activity: () => ({ busy: ['sqs: work has 1 visible'], moves: 0 }),
      settled: async () => {},
    };

    const failure = settle([stuck], { timeoutMs: 50 });

    await expect(failure).rejects.toThrow(NotSettledError);
    await expect(failure).rejects.toThrow(/sqs: work has 1 visible/);
  });
});

describe('settle with work that never ends', () => {
  it('gives up at its timeout even while an engine is still waiting on its work', async () => {
    const forever = new Stage('states');
    forever.add(() => new Promise<void>(() => {}));

    await expect(settle([forever], { timeoutMs: 50 })).rejects.toThrow(/states: 1 job\(s\)/);
  });
});

describe('what each engine has in hand', () => {
  it('SQS: messages in a queue a mapping polls, until the function has consumed them; not a queue nobody polls', async () => {
    const fake = fakeCloud();
    const sqs = new SqsEngine(fake.cloud);
    const work = sqs.registry.create('work');
    sqs.registry.create('tap');
    const running = gate<InvokeOutcome>();
    fake.answers.invoke = () => running.promise;
    sqs.attach({
      uuid: 'mapping',
      functionRef: 'consumer',
      queueArn: work.arn,
      batchSize: 10,
      batchingWindowSeconds: 0,
      concurrency: 2,
      reportBatchItemFailures: false,
      enabled: true,
    });
    try {
      await sqs.send('work', { body: 'job' });
      await sqs.send('tap', { body: 'seen by a test' });

      const during = sqs.activity().busy;
      running.open(ok);
      await settle([sqs], { timeoutMs: 10_000 });

      expect(during).toEqual([expect.stringMatching(/^sqs: work has /)]);
      expect(sqs.activity().busy).toEqual([]);
      expect(sqs.queues().find((q) => q.name === 'tap')).toMatchObject({ visible: 1 });
    } finally {
      await sqs.stop();
    }
  });

  it('SNS: deliveries started by a publish, until they are done', async () => {
    const fake = fakeCloud({ dataDir: mkdtempSync(join(tmpdir(), 'settle-sns-')) });
    const sns = new SnsEngine(fake.cloud);
    const topic = sns.registry.createTopic('alerts', {});
    sns.registry.subscribe(topic.arn, 'sqs', 'arn:aws:sqs:eu-west-1:000000000000:alerts', {});
    const delivering = gate();
    fake.cloud.sqs.send = async () => {
      await delivering.promise;
      return { messageId: 'm' };
    };

    await sns.publish(topic.arn, { message: 'hello' });
    await later(0);
    const during = sns.activity();
    delivering.open();
    await settle([sns]);

    expect(during.busy).toEqual(['sns: 1 delivery(ies) running']);
    expect(sns.activity()).toEqual({ busy: [], moves: during.moves + 1 });
  });

  it('EventBridge: a delivery waiting for its retry is work in hand', async () => {
    const fake = fakeCloud();
    const scheduler = manualScheduler();
    const events = new EventBridgeEngine(fake.cloud, {
      schedule: scheduler.schedule,
      retry: { random: () => 1 },
    });
    const rule = events.registry.putRule({
      name: 'all',
      pattern: parsePattern({ source: ['spendwise.test'] }),
    });
    events.registry.putTargets(rule, [{ Id: 'q', Arn: 'arn:aws:sqs:eu-west-1:000000000000:q' }]);
    let calls = 0;
    fake.cloud.sqs.send = async () => {
      calls += 1;
      if (calls === 1) throw new AwsApiError(500, 'InternalError', 'boom');
      return { messageId: 'm' };
    };

    await events.putEvents([{ Source: 'spendwise.test', DetailType: 'Happened', Detail: '{}' }]);
    await events.settled();
    const waiting = events.activity().busy;
    await scheduler.runAll(() => events.settled());

    expect(waiting).toEqual(['events: 1 delivery retry(ies) waiting']);
    expect(events.activity().busy).toEqual([]);
    expect(calls).toBe(2);
  });

  it('Step Functions: an execution until it has ended', async () => {
    const fake = fakeCloud();
    const running = gate<InvokeOutcome>();
    fake.answers.invoke = () => running.promise;
    const sfn = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001 });
    const machine = sfn.deploy({
      name: 'one-step',
      definition: {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'fn', 'Payload.$': '$' },
            End: true,
          },
        },
      },
    });

    const { executionArn } = await sfn.startExecution(machine.stateMachineArn, '{}');
    const during = sfn.activity().busy;
    running.open(ok);
    await settle([sfn]);

    expect(during).toEqual([expect.stringMatching(/^states: execution .* of one-step running$/)]);
    expect(sfn.activity().busy).toEqual([]);
    expect(sfn.describeExecution(executionArn).status).toBe('SUCCEEDED');
  });
});
