import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { parseEmf, recordEmf } from './emf';

const STAMP = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A line as Powertools Metrics writes it. */
const powertoolsLine = JSON.stringify({
  _aws: {
    Timestamp: STAMP,
    CloudWatchMetrics: [
      {
        Namespace: 'Spendwise',
        Dimensions: [['service'], ['service', 'currency']],
        Metrics: [
          { Name: 'ExpenseRecorded', Unit: 'Count' },
          { Name: 'AmountMinor', Unit: 'None' },
        ],
      },
    ],
  },
  service: 'expenses',
  currency: 'EUR',
  ExpenseRecorded: 1,
  AmountMinor: [1250, 300],
  requestId: 'r-1',
});

describe('recordEmf', () => {
  it('records one data point per value, metric and dimension set', () => {
    const { cloud, recorded } = fakeCloud();

    const count = recordEmf(powertoolsLine, cloud);

    expect(count).toBe(6);
    expect(recorded.metrics).toContainEqual({
      namespace: 'Spendwise',
      name: 'AmountMinor',
      dimensions: { service: 'expenses', currency: 'EUR' },
      value: 300,
      unit: 'None',
      timestamp: new Date(STAMP),
    });
    expect(recorded.metrics.filter((m) => m.name === 'ExpenseRecorded').map((m) => m.dimensions)).toEqual([
      { service: 'expenses' },
      { service: 'expenses', currency: 'EUR' },
    ]);
  });

  it.each([
    ['plain text', 'START RequestId: 1 Version: $LATEST'],
    ['JSON without _aws', '{"level":"INFO","message":"hi"}'],
    ['broken JSON', '{"_aws": {'],
  ])('records nothing for %s', (_kind, line) => {
    const { cloud, recorded } = fakeCloud();

    expect(recordEmf(line, cloud)).toBe(0);
    expect(recorded.metrics).toEqual([]);
  });

  it('skips a dimension set that names a member the line does not carry', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: STAMP,
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['missing'], []], Metrics: [{ Name: 'M' }] }],
      },
      M: 2,
    });

    expect(parseEmf(line).map((d) => d.dimensions)).toEqual([{}]);
  });

  it('uses the injected clock when the line has no timestamp', () => {
    const line = JSON.stringify({
      _aws: { CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [[]], Metrics: [{ Name: 'M' }] }] },
      M: 1,
    });

    expect(parseEmf(line, () => STAMP)[0]?.timestamp).toEqual(new Date(STAMP));
  });
});
