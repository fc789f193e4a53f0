import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../../src/core/errors';
import type { AwsApi, AwsRequest } from '../../src/core/protocol';
import { Gateway } from '../../src/gateway';

const seen: AwsRequest[] = [];
const record = (request: AwsRequest) => seen.push(request);

const apis: AwsApi[] = [
  {
    services: ['sqs'],
    handle: async (request) => {
      record(request);
      throw new AwsApiError(400, 'QueueDoesNotExist', 'The specified queue does not exist.', {
        'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
      });
    },
  },
  {
    services: ['sns'],
    handle: async (request) => {
      record(request);
      return {
        status: 200,
        body: '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>',
      };
    },
  },
  {
    services: ['lambda'],
    handle: async (request) => {
      record(request);
      return {
        status: 200,
        headers: { 'x-amz-executed-version': '$LATEST' },
        body: { echoed: JSON.parse(request.body.toString()) },
      };
    },
  },
  {
    services: ['bedrock'],
    handle: async (request) => {
      record(request);
      return {
        status: 200,
        body: {
          output: { message: { role: 'assistant', content: [{ text: 'local answer' }] } },
          stopReason: 'end_turn',
          usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
          metrics: { latencyMs: 1 },
        },
      };
    },
  },
];

const gateway = new Gateway({ host: '127.0.0.1', port: 0, apis });
let endpoint: string;
const clientConfig = () => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

beforeAll(async () => {
  endpoint = await gateway.start();
});
afterAll(() => gateway.stop());

describe('the shared AWS endpoint', () => {
  it('routes a JSON-protocol call by its signing name and serialises errors so the SDK raises the right class', async () => {
    const sqs = new SQSClient(clientConfig());

    const call = sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' }));

    await expect(call).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      $metadata: { httpStatusCode: 400 },
    });
    expect(seen.at(-1)).toMatchObject({ service: 'sqs', protocol: 'json', action: 'GetQueueUrl' });
    sqs.destroy();
  });

  it('decodes a query-protocol call into its form fields', async () => {
    const sns = new SNSClient(clientConfig());

    const answer = await sns.send(
      new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t', Message: 'hi' }),
    );

    expect(answer.MessageId).toBe('m-1');
    expect(seen.at(-1)).toMatchObject({ service: 'sns', protocol: 'query', action: 'Publish' });
    expect(seen.at(-1)?.form?.get('Message')).toBe('hi');
    sns.destroy();
  });

  it('passes REST calls through with their path', async () => {
    const lambda = new LambdaClient(clientConfig());

    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: 'fn', Payload: Buffer.from('{"a":1}') }),
    );

    expect(JSON.parse(Buffer.from(answer.Payload as Uint8Array).toString())).toEqual({ echoed: { a: 1 } });
    expect(seen.at(-1)).toMatchObject({
      service: 'lambda',
      protocol: 'rest',
      path: '/2015-03-31/functions/fn/invocations',
    });
    lambda.destroy();
  });

  it('serves the Bedrock Runtime client, which speaks HTTP/2, on the same port', async () => {
    const bedrock = new BedrockRuntimeClient(clientConfig());

    const answer = await bedrock.send(
      new ConverseCommand({
        modelId: 'amazon.nova-micro-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );

    expect(answer.output?.message?.content?.[0]?.text).toBe('local answer');
    expect(seen.at(-1)).toMatchObject({
      service: 'bedrock',
      http2: true,
      path: '/model/amazon.nova-micro-v1%3A0/converse',
    });
    bedrock.destroy();
  });

  it('answers 501 naming an API it does not emulate', async () => {
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20261124/eu-west-1/kinesis/aws4_request, SignedHeaders=host, Signature=x',
        'x-amz-target': 'Kinesis_20131202.ListStreams',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });

    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({
      __type: 'NotImplemented',
      message: expect.stringContaining('kinesis'),
    });
  });
});
