import type { LocalCloudConfig } from '../core/config';
import type { BusEvent } from '../core/ports';
import { alreadyExistsError, notFoundError, validationError } from './apiErrors';
import { archiveArn, replayArn } from './names';
import type { ParsedPattern } from './pattern';

export interface Archive {
  name: string;
  arn: string;
  sourceArn: string;
  busName: string;
  description?: string;
  pattern?: ParsedPattern;
  /** 0 keeps events forever. */
  retentionDays: number;
  creationTime: Date;
  events: { event: BusEvent; archivedAt: Date; bytes: number }[];
}

export interface Replay {
  name: string;
  arn: string;
  archive: Archive;
  description?: string;
  state: 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  stateReason?: string;
  eventStartTime: Date;
  eventEndTime: Date;
  destination: { Arn: string; FilterArns?: string[] };
  replayStartTime: Date;
  replayEndTime?: Date;
  eventLastReplayedTime?: Date;
}

export interface ReplayRequest {
  name: string;
  archiveArn: string;
  description?: string;
  eventStartTime: Date;
  eventEndTime: Date;
  destination: { Arn: string; FilterArns?: string[] };
}

const DAY_MS = 86_400_000;

/** Archives (events a bus received, kept for replay) and the replays started from them. */
export class ArchiveStore {
  private readonly archives = new Map<string, Archive>();
  private readonly replays = new Map<string, Replay>();

  constructor(private readonly config: Pick<LocalCloudConfig, 'region' | 'accountId'>) {}

  create(input: Omit<Archive, 'arn' | 'events' | 'creationTime'>, now: Date): Archive {
    if (this.archives.has(input.name)) throw alreadyExistsError(`Archive ${input.name} already exists.`);
    const archive: Archive = {
      ...input,
      arn: archiveArn(this.config, input.name),
      creationTime: now,
      events: [],
    };
    this.archives.set(archive.name, archive);
    return archive;
  }

  get(name: string): Archive {
    const archive = this.archives.get(name);
    if (!archive) throw notFoundError(`Archive ${name} does not exist.`);
    return archive;
  }

  list(): Archive[] {
    return [...this.archives.values()];
  }

  delete(name: string): void {
    this.get(name);
    this.archives.delete(name);
  }

  /** Archives on `busName` whose pattern (if any) `matches` the event keep it; expired events are pruned. */
  record(busName: string, event: BusEvent, now: Date, matches: (pattern: unknown) => boolean): void {
    for (const archive of this.archives.values()) {
      if (archive.busName !== busName) continue;
      prune(archive, now);
      if (archive.pattern && !matches(archive.pattern.value)) continue;
      archive.events.push({ event, archivedAt: now, bytes: Buffer.byteLength(JSON.stringify(event)) });
    }
  }

  /** Registers a replay (state STARTING) and returns it with the archived events it covers, oldest first. */
  startReplay(request: ReplayRequest, now: Date): { replay: Replay; events: BusEvent[] } {
    if (this.replays.has(request.name)) throw alreadyExistsError(`Replay ${request.name} already exists.`);
    const archive = this.list().find((candidate) => candidate.arn === request.archiveArn);
    if (!archive) throw notFoundError(`Archive ${request.archiveArn} does not exist.`);
    if (request.eventStartTime.getTime() >= request.eventEndTime.getTime()) {
      throw validationError(
        'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
      );
    }
    if (request.destination.Arn !== archive.sourceArn) {
      throw validationError(
        'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
      );
    }
    prune(archive, now);
    const { eventStartTime, eventEndTime, destination, description } = request;
    const replay: Replay = {
      name: request.name,
      arn: replayArn(this.config, request.name),
      archive,
      description,
      state: 'STARTING',
      eventStartTime,
      eventEndTime,
      destination,
      replayStartTime: now,
    };
    this.replays.set(replay.name, replay);
    return { replay, events: eventsBetween(archive, eventStartTime, eventEndTime) };
  }

  replay(name: string): Replay {
    const replay = this.replays.get(name);
    if (!replay) throw notFoundError(`Replay ${name} does not exist.`);
    return replay;
  }
}

/** Archived events whose `time` lies in [start, end], in time order (AWS replays minute by minute). */
function eventsBetween(archive: Archive, start: Date, end: Date): BusEvent[] {
  const time = (event: BusEvent) => Date.parse(event.time);
  return archive.events
    .map((entry) => entry.event)
    .filter((event) => time(event) >= start.getTime() && time(event) <= end.getTime())
    .sort((a, b) => time(a) - time(b));
}

function prune(archive: Archive, now: Date): void {
  if (archive.retentionDays <= 0) return;
  const oldest = now.getTime() - archive.retentionDays * DAY_MS;
  archive.events = archive.events.filter((entry) => entry.archivedAt.getTime() >= oldest);
}
