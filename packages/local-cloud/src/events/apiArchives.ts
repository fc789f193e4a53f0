import { validationError } from './apiErrors';
import { epochSeconds, type Input, optionalString, page, requiredString, requiredTime } from './apiInput';
import type { Archive, Replay } from './archives';
import type { EventBridgeEngine } from './engine';
import { parsePattern } from './pattern';

const describeArchive = (archive: Archive) => ({
  ArchiveArn: archive.arn,
  ArchiveName: archive.name,
  EventSourceArn: archive.sourceArn,
  Description: archive.description,
  EventPattern: archive.pattern?.text,
  State: 'ENABLED',
  RetentionDays: archive.retentionDays,
  SizeBytes: archive.events.reduce((sum, entry) => sum + entry.bytes, 0),
  EventCount: archive.events.length,
  CreationTime: epochSeconds(archive.creationTime),
});

export function createArchive(engine: EventBridgeEngine, input: Input) {
  const sourceArn = requiredString(input, 'EventSourceArn');
  const pattern = optionalString(input, 'EventPattern');
  const archive = engine.archives.create(
    {
      name: requiredString(input, 'ArchiveName'),
      sourceArn,
      busName: engine.registry.bus(sourceArn).name,
      description: optionalString(input, 'Description'),
      pattern: pattern === undefined ? undefined : parsePattern(pattern),
      retentionDays: typeof input.RetentionDays === 'number' ? input.RetentionDays : 0,
    },
    engine.now(),
  );
  return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: epochSeconds(archive.creationTime) };
}

export function describeArchiveAction(engine: EventBridgeEngine, input: Input) {
  return describeArchive(engine.archives.get(requiredString(input, 'ArchiveName')));
}

/** ListArchives entries leave out the ARN, description and pattern. */
const summary = (archive: Archive) => {
  const {
    ArchiveArn: _arn,
    Description: _description,
    EventPattern: _pattern,
    ...rest
  } = describeArchive(archive);
  return rest;
};

export function listArchives(engine: EventBridgeEngine, input: Input) {
  const source = optionalString(input, 'EventSourceArn');
  const archives = engine.archives.list().filter((archive) => !source || archive.sourceArn === source);
  const { items, nextToken } = page(archives, input);
  return { Archives: items.map(summary), NextToken: nextToken };
}

export function deleteArchive(engine: EventBridgeEngine, input: Input) {
  engine.archives.delete(requiredString(input, 'ArchiveName'));
  return {};
}

const describeReplay = (replay: Replay) => ({
  ReplayName: replay.name,
  ReplayArn: replay.arn,
  Description: replay.description,
  State: replay.state,
  StateReason: replay.stateReason,
  EventSourceArn: replay.archive.arn,
  Destination: replay.destination,
  EventStartTime: epochSeconds(replay.eventStartTime),
  EventEndTime: epochSeconds(replay.eventEndTime),
  EventLastReplayedTime: epochSeconds(replay.eventLastReplayedTime),
  ReplayStartTime: epochSeconds(replay.replayStartTime),
  ReplayEndTime: epochSeconds(replay.replayEndTime),
});

export function startReplay(engine: EventBridgeEngine, input: Input) {
  const destination = input.Destination as { Arn?: unknown; FilterArns?: unknown } | undefined;
  if (typeof destination?.Arn !== 'string') throw validationError('Parameter Destination.Arn is required.');
  const replay = engine.startReplay({
    name: requiredString(input, 'ReplayName'),
    archiveArn: requiredString(input, 'EventSourceArn'),
    description: optionalString(input, 'Description'),
    eventStartTime: requiredTime(input, 'EventStartTime'),
    eventEndTime: requiredTime(input, 'EventEndTime'),
    destination: {
      Arn: destination.Arn,
      FilterArns: Array.isArray(destination.FilterArns) ? destination.FilterArns.map(String) : undefined,
    },
  });
  return {
    ReplayArn: replay.arn,
    State: replay.state,
    ReplayStartTime: epochSeconds(replay.replayStartTime),
  };
}

export function describeReplayAction(engine: EventBridgeEngine, input: Input) {
  return describeReplay(engine.archives.replay(requiredString(input, 'ReplayName')));
}
