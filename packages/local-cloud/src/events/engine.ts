import { randomUUID } from 'node:crypto';
import type { Activity, Settles } from '../core/activity';
import type { LocalCloud } from '../core/context';
import type { BusEvent, EventBusPort, PutEventsEntry, PutEventsResultEntry } from '../core/ports';
import { ArchiveStore, type Replay, type ReplayRequest } from './archives';
import { isoSeconds, type Scheduler, timerScheduler } from './clock';
import { type PendingDeliveries, TargetDelivery } from './delivery';
import { buildEvent, checkPutEventsRequest, entryError } from './entries';
import { countMatchedEvent, countRuleMetric } from './metrics';
import { isEnabled, type Rule } from './model';
import { busNameOf } from './names';
import { safeMatch } from './pattern';
import { EventRegistry } from './registry';
import { DEFAULT_RETRY_TIMING, type RetryTiming } from './retry';
import { classifyTarget } from './targetKinds';

export interface EventBridgeOptions {
  /** The clock (default: real time). */
  now?: () => Date;
  /** Runs retries and replays later (default: unref'd setTimeout). */
  schedule?: Scheduler;
  /** Backoff and its local time scale (default: AWS-like backoff played 1000× faster). */
  retry?: Partial<RetryTiming>;
  newId?: () => string;
  /** Keeps deliveries not finished yet (first attempts, retries waiting) across a crash; absent: in memory only. */
  pending?: PendingDeliveries;
}

/** A rule that runs on a schedule, for the scheduler engine to fire. */
export interface ScheduledRule {
  name: string;
  busName: string;
  arn: string;
  scheduleExpression: string;
  enabled: boolean;
  /** Sends the `Scheduled Event` to the rule's targets now; returns it, or undefined if the rule is gone or disabled. */
  fire(): BusEvent | undefined;
}

/** A rule as diagnostics show it. */
export interface RuleSummary {
  name: string;
  busName: string;
  arn: string;
  state: string;
  eventPattern?: string;
  scheduleExpression?: string;
  targets: { id: string; arn: string; kind: string }[];
}

type Listener = (busName: string, event: BusEvent) => void;

/** A replayed event carries the replay's name. */
export type ReplayedEvent = BusEvent & { 'replay-name': string };

/**
 * The local EventBridge: buses, rules, targets, archives and replays. Accepting an event notifies the tap, archives
 * it, and starts delivery to the targets of every enabled rule on its bus whose pattern matches, without waiting.
 */
export class EventBridgeEngine implements EventBusPort, Settles {
  readonly registry: EventRegistry;
  readonly archives: ArchiveStore;
  readonly now: () => Date;
  private readonly delivery: TargetDelivery;
  private readonly schedule: Scheduler;
  private readonly newId: () => string;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly ctx: LocalCloud,
    options: EventBridgeOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.schedule = options.schedule ?? timerScheduler;
    this.newId = options.newId ?? randomUUID;
    this.registry = new EventRegistry(ctx.config);
    this.archives = new ArchiveStore(ctx.config);
    this.delivery = new TargetDelivery(ctx, {
      now: this.now,
      schedule: this.schedule,
      timing: { ...DEFAULT_RETRY_TIMING, ...options.retry },
      hasBus: (arn) => this.registry.hasBus(arn),
      ...(options.pending ? { pending: options.pending } : {}),
    });
  }

  /** After a restart's deployment: takes up the deliveries a crash interrupted; returns how many. */
  resume(): number {
    return this.delivery.resume();
  }

  /** PutEvents: whole-request checks throw `ValidationException`; each entry gets an EventId or an error. */
  async putEvents(entries: PutEventsEntry[]) {
    const accepted = checkPutEventsRequest(entries);
    const now = this.now();
    const results = accepted.map((entry) => this.accept(entry, now));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Live tap on every accepted event, for `events tail`. */
  tail(listener: Listener): () => void {
    return this.onEvent(listener);
  }

  /** Resolves once no target delivery is running. */
  settled(): Promise<void> {
    return this.delivery.settled();
  }

  /** Deliveries to targets running or waiting for a retry. */
  activity(): Activity {
    return this.delivery.activity();
  }

  private accept(entry: PutEventsEntry, now: Date): PutEventsResultEntry {
    const error = entryError(entry);
    if (error) return error;
    const event = buildEvent(entry, this.newId(), this.ctx.config, now);
    const busName = busNameOf(entry.EventBusName);
    if (!this.registry.hasBus(busName)) {
      // AWS answers with an EventId and drops the event (aws/aws-cli#9186); say so locally.
      this.ctx.log(
        `events: event ${event.id} was put on event bus '${busName}', which does not exist; it is dropped`,
      );
      return { EventId: event.id };
    }
    this.notify(busName, event);
    this.archives.record(busName, event, now, (pattern) => this.matches(pattern, event));
    this.route(busName, event, now);
    return { EventId: event.id };
  }

  private notify(busName: string, event: BusEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(busName, event);
      } catch (error) {
        this.ctx.log(`events: a bus listener failed: ${String(error)}`);
      }
    }
  }

  private matches(pattern: unknown, event: BusEvent): boolean {
    return safeMatch(pattern, event, (error) =>
      this.ctx.log(`events: pattern matching failed: ${String(error)}`),
    );
  }

  /** Starts delivery for every enabled rule on the bus that matches (only `ruleArns`, when given). */
  private route(busName: string, event: BusEvent, ingestionTime: Date, ruleArns?: string[]): void {
    let matched = false;
    for (const rule of this.registry.rulesOn(busName)) {
      if (!isEnabled(rule) || rule.eventPattern === undefined) continue;
      if (ruleArns && !ruleArns.includes(rule.arn)) continue;
      if (!this.matches(rule.eventPattern, event)) continue;
      matched = true;
      this.trigger(rule, event, ingestionTime);
    }
    if (matched) countMatchedEvent(this.ctx, this.now());
  }

  private trigger(rule: Rule, event: BusEvent, ingestionTime: Date): void {
    countRuleMetric(this.ctx, rule, 'TriggeredRules', this.now());
    const ref = { name: rule.name, busName: rule.busName, arn: rule.arn };
    for (const target of rule.targets.values())
      this.delivery.deliver({ rule: ref, target, event, ingestionTime });
  }

  /** StartReplay: registers the replay and sends its events (with `replay-name`) to the bus's rules shortly after. */
  startReplay(request: ReplayRequest): Replay {
    const { replay, events } = this.archives.startReplay(request, this.now());
    this.schedule(() => this.runReplay(replay, events), 0);
    return replay;
  }

  private runReplay(replay: Replay, events: BusEvent[]): void {
    replay.state = 'RUNNING';
    const busName = replay.archive.busName;
    for (const original of events) {
      const event: ReplayedEvent = { ...original, 'replay-name': replay.name };
      this.notify(busName, event);
      this.route(busName, event, this.now(), replay.destination.FilterArns);
      replay.eventLastReplayedTime = new Date(original.time);
    }
    replay.state = 'COMPLETED';
    replay.replayEndTime = this.now();
  }

  /** Rules with a ScheduleExpression; the scheduler engine fires them. */
  scheduledRules(): ScheduledRule[] {
    return this.registry
      .allRules()
      .filter((rule) => rule.scheduleExpression !== undefined)
      .map((rule) => ({
        name: rule.name,
        busName: rule.busName,
        arn: rule.arn,
        scheduleExpression: rule.scheduleExpression as string,
        enabled: isEnabled(rule),
        fire: () => this.fireScheduled(rule.name, rule.busName),
      }));
  }

  private fireScheduled(name: string, busName: string): BusEvent | undefined {
    const rule = this.registry.allRules().find((r) => r.name === name && r.busName === busName);
    if (!rule || !isEnabled(rule)) return undefined;
    const now = this.now();
    const event: BusEvent = {
      version: '0',
      id: this.newId(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.ctx.config.accountId,
      time: isoSeconds(now),
      region: this.ctx.config.region,
      resources: [rule.arn],
      detail: {},
    };
    this.trigger(rule, event, now);
    return event;
  }

  /** Every rule with its targets, for diagnostics. */
  rules(): RuleSummary[] {
    return this.registry.allRules().map((rule) => ({
      name: rule.name,
      busName: rule.busName,
      arn: rule.arn,
      state: rule.state,
      eventPattern: rule.eventPatternText,
      scheduleExpression: rule.scheduleExpression,
      targets: [...rule.targets.values()].map((target) => {
        const kind = classifyTarget(target.Arn);
        return {
          id: target.Id,
          arn: target.Arn,
          kind: 'kind' in kind ? kind.kind : `unsupported: ${kind.unsupported}`,
        };
      }),
    }));
  }
}
