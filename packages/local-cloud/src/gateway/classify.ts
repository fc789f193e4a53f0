import type { AwsRequest } from '../core/protocol';

// X-Amz-Target prefixes of the JSON-protocol APIs, for requests that arrive unsigned (`--no-sign-request`).
const TARGET_SERVICES: [prefix: string, service: string][] = [
  ['DynamoDBStreams_', 'dynamodb'],
  ['DynamoDB_', 'dynamodb'],
  ['AWSEvents.', 'events'],
  ['AmazonSQS.', 'sqs'],
  ['AWSStepFunctions.', 'states'],
  ['AmazonSSM.', 'ssm'],
  ['GraniteServiceVersion', 'monitoring'],
];

// Query-protocol APIs by their Version field, for unsigned requests.
const QUERY_VERSIONS: Record<string, string> = {
  '2010-03-31': 'sns',
  '2012-11-05': 'sqs',
  '2010-08-01': 'monitoring',
};

const CREDENTIAL_SCOPE = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  http2: boolean;
}

/**
 * Works out which AWS API a request is for and how it names its operation: the signing name in the SigV4
 * credential scope first (every SDK and the CLI sign), then the X-Amz-Target prefix or the query Version.
 */
export function classify(raw: RawRequest): AwsRequest {
  const url = new URL(raw.url, 'http://local');
  const target = raw.headers['x-amz-target'];
  const contentType = raw.headers['content-type'] ?? '';
  const form = contentType.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(raw.body.toString('utf8'))
    : undefined;
  const signed = CREDENTIAL_SCOPE.exec(raw.headers.authorization ?? '')?.[1];
  const byTarget = target ? TARGET_SERVICES.find(([prefix]) => target.startsWith(prefix))?.[1] : undefined;
  const byVersion = form?.get('Version') ? QUERY_VERSIONS[form.get('Version') as string] : undefined;
  const service = signed ?? byTarget ?? byVersion ?? '';
  const protocol = target ? 'json' : form?.has('Action') ? 'query' : 'rest';
  const action = target ? (target.split('.').pop() ?? '') : (form?.get('Action') ?? '');
  return {
    service,
    protocol,
    action,
    ...(target ? { target } : {}),
    method: raw.method,
    path: url.pathname,
    query: url.searchParams,
    headers: raw.headers,
    body: raw.body,
    ...(form ? { form } : {}),
    http2: raw.http2,
  };
}
