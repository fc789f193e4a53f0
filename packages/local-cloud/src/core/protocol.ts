/** One request to the shared AWS endpoint, already classified by the gateway. */
export interface AwsRequest {
  /** Signing name from the Authorization credential scope: dynamodb, events, sqs, sns, states, lambda, bedrock, ssm, monitoring… */
  service: string;
  /** How the operation is named on the wire. */
  protocol: 'json' | 'query' | 'rest';
  /** Operation name: the X-Amz-Target suffix (json), the Action field (query), or '' for rest (route on method + path). */
  action: string;
  /** Full X-Amz-Target header for json protocols (e.g. `AmazonSQS.SendMessage`, `DynamoDBStreams_20120810.GetRecords`). */
  target?: string;
  method: string;
  /** URL path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Query protocol only: the decoded form fields (`Action`, `TopicArn`, `MessageAttributes.entry.1.Name`, …). */
  form?: URLSearchParams;
  /** True when the request came over HTTP/2. */
  http2: boolean;
}

export interface AwsResponse {
  status: number;
  headers?: Record<string, string>;
  /** A Buffer or string is sent as is; any other value as JSON (`application/x-amz-json-1.0` for json protocol). */
  body?: Buffer | string | object;
  /** A streamed body (server-sent events of the control API); written chunk by chunk until it ends. */
  stream?: AsyncIterable<string>;
}

/** An emulated AWS API mounted on the shared endpoint. */
export interface AwsApi {
  /** Signing names this API answers (e.g. ['sqs']). DynamoDB and DynamoDB Streams share `dynamodb`. */
  readonly services: readonly string[];
  /** Optional finer choice among APIs sharing a signing name (e.g. by X-Amz-Target prefix). */
  accepts?(request: AwsRequest): boolean;
  handle(request: AwsRequest): Promise<AwsResponse>;
}

/** A plain HTTP route on the shared endpoint that is not an AWS API (JWKS, health, metrics…). */
export interface LocalRoute {
  method: string;
  /** Exact path or a prefix ending in `*`. */
  path: string;
  handle(request: AwsRequest): Promise<AwsResponse>;
}

/** A request an API takes as a stream, before the gateway reads its body (S3 object uploads and downloads). */
export interface RawExchange {
  req: import('node:http').IncomingMessage | import('node:http2').Http2ServerRequest;
  res: import('node:http').ServerResponse | import('node:http2').Http2ServerResponse;
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  requestId: string;
  remoteAddress: string;
  /**
   * The endpoint's Host rule (loopback names with its port, `--allow-host` ones), plus `alsoAllowed` (e.g. S3's
   * `<bucket>.localhost:<port>`). @throws AwsApiError 403 ForbiddenHost
   */
  checkHost(alsoAllowed?: string): void;
  /** The endpoint's port. */
  port: number;
}

/**
 * An emulated AWS API that streams: it claims its requests by method, URL and headers alone, then reads the
 * body and writes the answer itself (with its own browser rules, such as a bucket's CORS configuration).
 */
export interface RawApi {
  claims(request: { method: string; url: string; headers: Record<string, string> }): boolean;
  /** Serves the request; resolves with the status answered (for diagnostics). */
  serve(exchange: RawExchange): Promise<number>;
}
