import { randomUUID } from 'node:crypto';
import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import { parseSchedule, type Schedule } from './expression';
import { deliver, type FiringContext, type ScheduleTarget, TargetAccessDeniedError } from './targets';

/** A schedule as deployed from `AWS::Scheduler::Schedule`. */
export interface ScheduleDefinition {
  name: string;
  groupName?: string;
  expression: string;
  timeZone?: string;
  state?: 'ENABLED' | 'DISABLED';
  startDate?: Date;
  endDate?: Date;
  target: ScheduleTarget;
  actionAfterCompletion?: 'NONE' | 'DELETE';
}

/** One line of `list()` (the CLI's `schedule list`). */
export interface ScheduledItem {
  /** What `runNow` takes: `name` (default group), `group/name`, or `rule:name` for schedule rules. */
  id: string;
  kind: 'schedule' | 'rule';
  expression: string;
  timeZone: string;
  state: 'ENABLED' | 'DISABLED';
  nextFire?: Date;
  lastFire?: Date;
  fires: number;
}

interface Entry extends ScheduledItem {
  schedule: Schedule;
  startDate?: Date;
  endDate?: Date;
  /** One delivery; `retry` false for runNow (a single attempt whose failure is returned). */
  fire(scheduledTime: Date, retry: boolean): Promise<void>;
  timer?: NodeJS.Timeout;
  onFired?: () => void;
}

export interface SchedulerEngineOptions {
  /** First retry delay of a failed delivery (doubles per attempt, capped at 60 s; default 1 s). */
  retryBaseMs?: number;
}

/** Longest delay a Node timer holds; longer waits are chained. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Timers for EventBridge Scheduler schedules and EventBridge schedule rules (which the EventBridge engine
 * registers with `addScheduledRule`). FlexibleTimeWindow is not applied: schedules fire at their exact time.
 * @example scheduler.addScheduledRule('monthly', 'cron(0 6 1 * ? *)', fire); await scheduler.runNow('rule:monthly');
 */
export class SchedulerEngine {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: SchedulerEngineOptions = {},
  ) {}

  /** Deploys a schedule and arms its timer; returns its ARN. */
  addSchedule(definition: ScheduleDefinition): string {
    const group = definition.groupName ?? 'default';
    const arn = arnOf(this.ctx.config, 'scheduler', `schedule/${group}/${definition.name}`);
    const id = group === 'default' ? definition.name : `${group}/${definition.name}`;
    const schedule = parseSchedule(definition.expression, {
      timeZone: definition.timeZone,
      anchor: definition.startDate ?? new Date(),
    });
    const entry = this.entry(id, 'schedule', schedule, definition.state ?? 'ENABLED', (time, retry) =>
      this.deliverWithRetries(arn, definition.target, time, retry),
    );
    Object.assign(entry, { startDate: definition.startDate, endDate: definition.endDate });
    if (schedule.kind === 'at' && definition.actionAfterCompletion === 'DELETE') {
      entry.onFired = () => this.remove(id);
    }
    this.add(entry);
    return arn;
  }

  /** Registers an EventBridge rule's ScheduleExpression (rate/cron in UTC); `fire` delivers to its targets. */
  addScheduledRule(name: string, expression: string, fire: () => Promise<void>): void {
    const schedule = parseSchedule(expression, { timeZone: 'UTC', anchor: new Date() });
    this.add(this.entry(`rule:${name}`, 'rule', schedule, 'ENABLED', () => fire()));
  }

  removeScheduledRule(name: string): void {
    this.remove(`rule:${name}`);
  }

  /** Every schedule and rule with its next fire time. */
  list(): ScheduledItem[] {
    return [...this.entries.values()].map(
      ({ id, kind, expression, timeZone, state, nextFire, lastFire, fires }) => ({
        id,
        kind,
        expression,
        timeZone,
        state,
        nextFire,
        lastFire,
        fires,
      }),
    );
  }

  /**
   * Fires one now, once (no retries: a failed delivery rejects). Takes an id from `list()` or a bare rule or
   * schedule name when it is unambiguous. `asScheduled`: as its timer would, with the target's RetryPolicy and
   * dead-letter queue (the failure still rejects).
   */
  async runNow(name: string, options: { asScheduled?: boolean } = {}): Promise<void> {
    const entry = this.find(name);
    await entry.fire(new Date(), options.asScheduled === true);
    entry.fires++;
    entry.lastFire = new Date();
  }

  /** Clears every timer; nothing fires afterwards. */
  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
  }

  private entry(
    id: string,
    kind: Entry['kind'],
    schedule: Schedule,
    state: Entry['state'],
    fire: Entry['fire'],
  ): Entry {
    return {
      id,
      kind,
      schedule,
      expression: schedule.text,
      timeZone: schedule.timeZone,
      state,
      fire,
      fires: 0,
    };
  }

  private add(entry: Entry): void {
    this.remove(entry.id);
    this.entries.set(entry.id, entry);
    this.arm(entry, new Date());
  }

  private remove(id: string): void {
    clearTimeout(this.entries.get(id)?.timer);
    this.entries.delete(id);
  }

  private find(name: string): Entry {
    const exact = this.entries.get(name) ?? this.entries.get(`rule:${name}`);
    if (exact) return exact;
    const matches = [...this.entries.values()].filter((entry) => entry.id.split('/').pop() === name);
    if (matches.length === 1) return matches[0]!;
    const known = [...this.entries.keys()].join(', ') || 'none';
    throw new Error(`No single schedule or rule named '${name}' (known: ${known})`);
  }

  /** Sets the timer for the next occurrence within StartDate/EndDate (chained for far-away times). */
  private arm(entry: Entry, after: Date): void {
    const from = entry.startDate && entry.startDate > after ? new Date(entry.startDate.getTime() - 1) : after;
    const next = entry.state === 'ENABLED' && !this.stopped ? entry.schedule.next(from) : undefined;
    entry.nextFire = next && (!entry.endDate || next <= entry.endDate) ? next : undefined;
    if (!entry.nextFire) return;
    const due = entry.nextFire;
    const delay = Math.min(Math.max(due.getTime() - Date.now(), 0), MAX_TIMER_MS);
    entry.timer = setTimeout(() => void this.onTimer(entry, due), delay);
    entry.timer.unref();
  }

  private async onTimer(entry: Entry, due: Date): Promise<void> {
    if (Date.now() < due.getTime()) return this.arm(entry, new Date(due.getTime() - 1));
    this.arm(entry, due);
    try {
      await entry.fire(due, true);
      entry.fires++;
      entry.lastFire = new Date();
      entry.onFired?.();
    } catch (error) {
      this.ctx.log(`scheduler: ${entry.id} failed to fire: ${(error as Error).message}`);
    }
  }

  /** Delivers with the target's RetryPolicy, then to its dead-letter queue. */
  private async deliverWithRetries(
    arn: string,
    target: ScheduleTarget,
    scheduledTime: Date,
    retry: boolean,
  ): Promise<void> {
    const firing: FiringContext = { scheduleArn: arn, scheduledTime, executionId: randomUUID(), attempt: 1 };
    const maxAttempts = retry ? 1 + (target.RetryPolicy?.MaximumRetryAttempts ?? 185) : 1;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400) * 1000;
    for (;;) {
      try {
        return await deliver(this.ctx, target, firing);
      } catch (error) {
        const waitMs = Math.min((this.options.retryBaseMs ?? 1000) * 2 ** (firing.attempt - 1), 60_000);
        const expired = Date.now() + waitMs - scheduledTime.getTime() > maxAgeMs;
        const final = error instanceof TargetAccessDeniedError;
        if (!retry || this.stopped || firing.attempt >= maxAttempts || expired || final) {
          if (retry) await this.deadLetter(target, firing, error as Error);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
        firing.attempt++;
      }
    }
  }

  private async deadLetter(target: ScheduleTarget, firing: FiringContext, error: Error): Promise<void> {
    const queue = target.DeadLetterConfig?.Arn;
    if (!queue) return;
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.ctx.sqs.send(queue, {
      body: target.Input ?? '{}',
      attributes: {
        ERROR_CODE: text(error.name),
        ERROR_MESSAGE: text(error.message),
        EXECUTION_ID: text(firing.executionId),
        RETRY_ATTEMPTS: text(String(firing.attempt - 1)),
        SCHEDULE_ARN: text(firing.scheduleArn),
        TARGET_ARN: text(target.Arn),
      },
    });
  }
}
