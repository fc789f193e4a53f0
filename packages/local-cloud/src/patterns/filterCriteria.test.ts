import { describe, expect, it } from '@jest/globals';
import { filterCriteriaMatch } from './filterCriteria';

/** The SQS record of the Lambda "Using event filtering with an Amazon SQS event source" page. */
function sqsRecord(body: string): Record<string, unknown> {
  return {
    messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
    receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183' },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:my-queue',
    awsRegion: 'us-west-2',
  };
}

const JSON_BODY = sqsRecord(
  '{\n "RecordNumber": 1234,\n "TimeStamp": "yyyy-mm-ddThh:mm:ss",\n "RequestCode": "AAAA"\n}',
);
const PLAIN_BODY = sqsRecord('ABC:AAAA');

/** A DynamoDB stream record as the Lambda "Using event filtering with a DynamoDB event source" page shows it. */
const DYNAMODB_RECORD = {
  eventID: 'c9fbe7d0261a5163fcb6940593e41797',
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-2',
  dynamodb: {
    ApproximateCreationDateTime: 1664559083.0,
    Keys: { SK: { S: 'PRODUCT#CHOCOLATE#DARK#1000' }, PK: { S: 'COMPANY#1000' } },
    NewImage: {
      quantity: { N: '50' },
      company_id: { S: '1000' },
      fabric: { S: 'Florida Chocolates' },
      price: { N: '15' },
      stores: { N: '5' },
      product_id: { S: '1000' },
      SK: { S: 'PRODUCT#CHOCOLATE#DARK#1000' },
      PK: { S: 'COMPANY#1000' },
      state: { S: 'FL' },
      type: { S: '' },
    },
    SequenceNumber: '700000000000888747038',
    SizeBytes: 174,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
  eventSourceARN: 'arn:aws:dynamodb:us-east-2:111122223333:table/chocolate-table-StreamsSampleDDBTable',
};

const pattern = (value: unknown) => ({ Pattern: JSON.stringify(value) });

describe('filterCriteriaMatch', () => {
  it.each([
    { name: 'no filters pass every record', filters: undefined, record: PLAIN_BODY, matches: true },
    { name: 'an empty filter list passes every record', filters: [], record: PLAIN_BODY, matches: true },
    {
      name: 'a JSON body matches a JSON body pattern (RequestCode AAAA)',
      filters: [pattern({ body: { RequestCode: ['AAAA'] } })],
      record: JSON_BODY,
      matches: true,
    },
    {
      name: 'a JSON body fails a JSON body pattern that differs (RequestCode BBBB)',
      filters: [pattern({ body: { RequestCode: ['BBBB'] } })],
      record: JSON_BODY,
      matches: false,
    },
    {
      name: 'numeric works inside the JSON body (RecordNumber > 1000)',
      filters: [pattern({ body: { RecordNumber: [{ numeric: ['>', 1000] }] } })],
      record: JSON_BODY,
      matches: true,
    },
    {
      name: 'a plain-string body matches a plain-string pattern',
      filters: [pattern({ body: ['ABC:AAAA'] })],
      record: PLAIN_BODY,
      matches: true,
    },
    {
      name: 'a plain-string body matches a prefix pattern',
      filters: [pattern({ body: [{ prefix: 'ABC' }] })],
      record: PLAIN_BODY,
      matches: true,
    },
    {
      name: 'a plain-string body is dropped by a JSON body pattern',
      filters: [pattern({ body: { RequestCode: [{ exists: false }] } })],
      record: PLAIN_BODY,
      matches: false,
    },
    {
      name: 'a JSON body is dropped by a plain-string body pattern',
      filters: [pattern({ body: [{ prefix: '{' }] })],
      record: JSON_BODY,
      matches: false,
    },
    {
      name: 'without a body pattern the body format is not checked',
      filters: [pattern({ awsRegion: ['us-west-2'] })],
      record: PLAIN_BODY,
      matches: true,
    },
    {
      name: 'metadata and body patterns combine (AND)',
      filters: [pattern({ awsRegion: ['eu-west-1'], body: { RequestCode: ['AAAA'] } })],
      record: JSON_BODY,
      matches: false,
    },
    {
      name: 'any matching filter passes the record (OR across filters)',
      filters: [pattern({ body: { RequestCode: ['BBBB'] } }), pattern({ body: { RequestCode: ['AAAA'] } })],
      record: JSON_BODY,
      matches: true,
    },
    {
      name: 'an unparsable filter matches nothing',
      filters: [{ Pattern: '{' }],
      record: JSON_BODY,
      matches: false,
    },
    {
      name: 'a DynamoDB record matches on NewImage.state.S',
      filters: [pattern({ dynamodb: { NewImage: { state: { S: ['FL'] } } } })],
      record: DYNAMODB_RECORD,
      matches: true,
    },
    {
      name: 'a DynamoDB record fails a different state',
      filters: [pattern({ dynamodb: { NewImage: { state: { S: ['CA'] } } } })],
      record: DYNAMODB_RECORD,
      matches: false,
    },
    {
      name: 'DynamoDB numbers are strings, so a string pattern matches quantity.N',
      filters: [pattern({ dynamodb: { NewImage: { quantity: { N: ['50'] } } } })],
      record: DYNAMODB_RECORD,
      matches: true,
    },
    {
      name: 'DynamoDB numbers are strings, so numeric never matches quantity.N',
      filters: [pattern({ dynamodb: { NewImage: { quantity: { N: [{ numeric: ['>', 10] }] } } } })],
      record: DYNAMODB_RECORD,
      matches: false,
    },
    {
      name: 'a DynamoDB record matches on eventName INSERT',
      filters: [pattern({ eventName: ['INSERT'] })],
      record: DYNAMODB_RECORD,
      matches: true,
    },
    {
      name: 'an empty DynamoDB string matches ""',
      filters: [pattern({ dynamodb: { NewImage: { type: { S: [''] } } } })],
      record: DYNAMODB_RECORD,
      matches: true,
    },
    {
      name: 'exists false on an absent DynamoDB attribute matches',
      filters: [pattern({ dynamodb: { NewImage: { coupon: { S: [{ exists: false }] } } } })],
      record: DYNAMODB_RECORD,
      matches: true,
    },
  ])('$name', ({ filters, record, matches }) => {
    expect(filterCriteriaMatch(filters, record)).toBe(matches);
  });
});
