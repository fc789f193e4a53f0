/** An error DynamoDB Local answered with (`ResourceNotFoundException`, `ConditionalCheckFailedException`, …). */
export class DynamoDbLocalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
    this.name = 'DynamoDbLocalError';
  }
}

/** Credentials DynamoDB Local is addressed with (it runs with -sharedDb, so any pair reaches the same data). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * An Authorization header DynamoDB Local accepts: it needs one to be present and well formed, but does not
 * check the signature.
 */
export const LOCAL_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

/** A DynamoDB / DynamoDB Streams JSON call as it goes on the wire, so stream records keep their exact shape. */
export type DynamoDbCall = <T = Record<string, unknown>>(
  operation: string,
  body: object,
  api?: 'DynamoDB' | 'DynamoDBStreams',
) => Promise<T>;

/**
 * Calls DynamoDB Local's JSON API directly (no SDK: records stay in wire format, e.g. numeric
 * ApproximateCreationDateTime, as Lambda passes them).
 *
 * @example const { TableNames } = await dynamoDbCall(endpoint)<{ TableNames: string[] }>('ListTables', {});
 */
export function dynamoDbCall(endpoint: string): DynamoDbCall {
  return async <T>(operation: string, body: object, api = 'DynamoDB') => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${api}_20120810.${operation}`,
        authorization: LOCAL_AUTHORIZATION,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const code =
        String(parsed.__type ?? 'UnknownError')
          .split('#')
          .pop() ?? 'UnknownError';
      throw new DynamoDbLocalError(code, String(parsed.message ?? parsed.Message ?? text), response.status);
    }
    return parsed as T;
  };
}
