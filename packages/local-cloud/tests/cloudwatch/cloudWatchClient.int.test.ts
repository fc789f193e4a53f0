import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlarmEngine, cloudWatchApi, MetricStore } from '../../src/cloudwatch';
import type { AwsApiError } from '../../src/core/errors';
import type { AwsApi, AwsRequest } from '../../src/core/protocol';
import { fakeCloud } from '../../src/testing/fakeCloud';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A stand-in for the shared endpoint's JSON protocol, for this test only. */
async function startJsonEndpoint(api: AwsApi) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const request: AwsRequest = {
        service: 'monitoring',
        protocol: 'json',
        action: target.split('.').pop() ?? '',
        target,
        method: req.method ?? 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
        http2: false,
      };
      const type = 'application/x-amz-json-1.0';
      try {
        const answer = await api.handle(request);
        res.writeHead(answer.status, { 'content-type': type }).end(JSON.stringify(answer.body));
      } catch (error) {
        const failure = error as AwsApiError;
        res
          .writeHead(failure.status, { 'content-type': type, ...failure.headers })
          .end(JSON.stringify({ __type: failure.code, message: failure.message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the CloudWatch API through @aws-sdk/client-cloudwatch', () => {
  const { cloud } = fakeCloud();
  const store = new MetricStore({ now: () => T0 });
  cloud.metrics = store;
  const alarms = new AlarmEngine(cloud, { now: () => T0 });
  let endpoint: Awaited<ReturnType<typeof startJsonEndpoint>>;
  let client: CloudWatchClient;

  beforeAll(async () => {
    endpoint = await startJsonEndpoint(cloudWatchApi(store, alarms, () => T0));
    client = new CloudWatchClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('stores PutMetricData and answers GetMetricStatistics per period', async () => {
    const Dimensions = [{ Name: 'service', Value: 'expenses' }];
    await client.send(
      new PutMetricDataCommand({
        Namespace: 'Spendwise',
        MetricData: [
          { MetricName: 'Recorded', Dimensions, Value: 2, Timestamp: new Date(T0 + 5_000), Unit: 'Count' },
          {
            MetricName: 'Recorded',
            Dimensions,
            Values: [1, 4],
            Counts: [1, 2],
            Timestamp: new Date(T0 + 65_000),
            Unit: 'Count',
          },
        ],
      }),
    );

    const stats = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Spendwise',
        MetricName: 'Recorded',
        Dimensions,
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 120_000),
        Period: 60,
        Statistics: ['Sum', 'SampleCount', 'Maximum'],
      }),
    );

    expect(stats.Datapoints).toEqual([
      { Timestamp: new Date(T0), Sum: 2, SampleCount: 1, Maximum: 2, Unit: 'None' },
      { Timestamp: new Date(T0 + 60_000), Sum: 9, SampleCount: 3, Maximum: 4, Unit: 'None' },
    ]);
  });

  it('describes alarms with their state', async () => {
    await alarms.providers()[0]!.create(
      {
        stack: 'expenses',
        stackDir: '/tmp',
        logicalId: 'Errors',
        type: 'AWS::CloudWatch::Alarm',
        properties: {
          AlarmName: 'relay-errors',
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        },
      },
      cloud,
    );
    await alarms.evaluateNow();

    const described = await client.send(new DescribeAlarmsCommand({ AlarmNames: ['relay-errors'] }));

    expect(described.MetricAlarms).toEqual([
      expect.objectContaining({
        AlarmName: 'relay-errors',
        StateValue: 'OK',
        MetricName: 'Errors',
        Threshold: 0,
      }),
    ]);
  });
});
