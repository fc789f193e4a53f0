import { expect, it } from '@jest/globals';
import { matchesEventPattern } from './eventPattern';

/**
 * The example event of the event-ruler README and the EventBridge "Content filtering" page; every pattern quoted
 * below comes from those pages unless its name says otherwise.
 */
export const EC2_EVENT = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

export interface Row {
  name: string;
  pattern: unknown;
  event?: unknown;
  matches: boolean;
}

/** The EC2 example event with some detail fields replaced. */
export function withDetail(detail: Record<string, unknown>): unknown {
  return { ...EC2_EVENT, detail: { ...EC2_EVENT.detail, ...detail } };
}

/** Runs one test per row: the pattern against the row's event (or the EC2 example event). */
export function table(rows: Row[]): void {
  it.each(rows)('$name', ({ pattern, event, matches }) => {
    const result = matchesEventPattern(pattern, event ?? EC2_EVENT);

    expect(result).toBe(matches);
  });
}
