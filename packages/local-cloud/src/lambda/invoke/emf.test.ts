import { describe, expect, it } from '@jest/globals';
import { metricsFromEmf } from './emf';

const emf = (doc: Record<string, unknown>) => JSON.stringify(doc);

describe('metricsFromEmf', () => {
  it('gives each value of each metric in each dimension set', () => {
    const line = emf({
      _aws: {
        Timestamp: 1000,
        CloudWatchMetrics: [
          {
            Namespace: 'N',
            Dimensions: [['service'], []],
            Metrics: [{ Name: 'Latency', Unit: 'Milliseconds' }, { Name: 'Hits' }],
          },
        ],
      },
      service: 's',
      Latency: [3, 4],
      Hits: 1,
    });

    const data = metricsFromEmf(line);

    expect(data.map((d) => `${d.name}:${d.value}:${JSON.stringify(d.dimensions)}:${d.unit}`)).toEqual([
      'Latency:3:{"service":"s"}:Milliseconds',
      'Latency:3:{}:Milliseconds',
      'Latency:4:{"service":"s"}:Milliseconds',
      'Latency:4:{}:Milliseconds',
      'Hits:1:{"service":"s"}:undefined',
      'Hits:1:{}:undefined',
    ]);
    expect(data[0]).toMatchObject({ namespace: 'N', timestamp: new Date(1000) });
  });

  it('reads EMF printed through console.log in the runtime text format', () => {
    const json = emf({
      _aws: { CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [[]], Metrics: [{ Name: 'M' }] }] },
      M: 2,
    });

    expect(metricsFromEmf(`2026-01-01T00:00:00.000Z\tabc\tINFO\t${json}`)).toEqual([
      expect.objectContaining({ namespace: 'N', name: 'M', value: 2, dimensions: {} }),
    ]);
  });

  it('skips a dimension set whose value is missing and ignores ordinary lines', () => {
    const line = emf({
      _aws: { CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['absent']], Metrics: [{ Name: 'M' }] }] },
      M: 1,
    });

    expect(metricsFromEmf(line)).toEqual([]);
    expect(metricsFromEmf('{"message":"CloudWatchMetrics are great"}')).toEqual([]);
    expect(metricsFromEmf('START RequestId: x Version: $LATEST')).toEqual([]);
  });
});
