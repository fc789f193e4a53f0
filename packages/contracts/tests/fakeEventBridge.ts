import type {
  PutEventsCommand,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
  PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { PutEventsSender } from '../src/index';

/**
 * Decides the fate of one entry on one call: undefined accepts it, a string fails it with that error code.
 * `call` counts PutEvents calls from 1.
 */
export type EntryOutcome = (eventId: string, call: number) => string | undefined;

/** A PutEvents sender that records every call and answers entry by entry, or throws what `callError` returns. */
export interface FakeEventBridge extends PutEventsSender {
  readonly calls: PutEventsRequestEntry[][];
}

/** The event id of a PutEvents entry, read back from its Detail. */
export function eventIdOf(entry: PutEventsRequestEntry): string {
  return (JSON.parse(entry.Detail ?? '{}') as { metadata: { eventId: string } }).metadata.eventId;
}

/** A fake EventBridge: `outcome` decides each entry, `callError` may fail a whole call instead. */
export function fakeEventBridge(
  outcome: EntryOutcome = () => undefined,
  callError: (call: number) => Error | undefined = () => undefined,
): FakeEventBridge {
  const calls: PutEventsRequestEntry[][] = [];
  return {
    calls,
    async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      const error = callError(calls.length);
      if (error) throw error;
      const results: PutEventsResultEntry[] = entries.map((entry, index) => {
        const code = outcome(eventIdOf(entry), calls.length);
        return code
          ? { ErrorCode: code, ErrorMessage: `${code} for entry ${index}` }
          : { EventId: `eb-${calls.length}-${index}` };
      });
      const failed = results.filter((result) => result.ErrorCode).length;
      return { FailedEntryCount: failed, Entries: results, $metadata: { httpStatusCode: 200 } };
    },
  };
}

/** An error shaped like the SDK's for a throttled call. */
export function throttlingError(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

/** An error shaped like the SDK's for a refused call. */
export function accessDeniedError(): Error {
  return Object.assign(new Error('not authorized to perform events:PutEvents'), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}
