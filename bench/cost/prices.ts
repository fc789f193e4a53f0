/**
 * AWS list prices in us-east-1 (US East, N. Virginia), in US dollars, as published on the services' pricing pages
 * (checked December 2026). One place for every price the cost model (`pnpm bench:cost`) uses: change a price here
 * and every figure follows. Free tiers are left out on purpose (they are per account, not per expense), and so is
 * every volume discount beyond the first tier (Spendwise's volumes stay in it).
 */
export const PRICES = {
  dynamodb: {
    /** On-demand write request unit (1 KB written, 2 per KB in a transaction), Standard table class: $0.625 per million. */
    writeRequestUnit: 0.625 / 1e6,
    /** On-demand read request unit (4 KB strongly consistent, 8 KB eventually consistent): $0.125 per million. */
    readRequestUnit: 0.125 / 1e6,
  },
  lambda: {
    /** Requests, any architecture: $0.20 per million invocations. */
    request: 0.2 / 1e6,
    /** Duration on arm64 (Graviton), first 7.5 billion GB-seconds a month: $0.0000133334 per GB-second. */
    arm64GbSecond: 0.0000133334,
    /** Duration on x86_64, first 6 billion GB-seconds a month: $0.0000166667 per GB-second. */
    x86GbSecond: 0.0000166667,
  },
  sqs: {
    /** Standard queue requests (every 64 KB chunk of a payload is one request): $0.40 per million. */
    request: 0.4 / 1e6,
  },
  eventbridge: {
    /** Custom events put on an event bus (every 64 KB chunk is one event): $1.00 per million. */
    customEvent: 1.0 / 1e6,
    /** Archive, event processing (the bytes of the events archived): $0.10 per GB. */
    archiveGb: 0.1,
  },
  sns: {
    /** Standard topic publishes (every 64 KB chunk is one request): $0.50 per million. */
    publish: 0.5 / 1e6,
    /** E-mail notifications delivered: $2.00 per 100,000. Deliveries to SQS and Lambda are free. */
    emailDelivery: 2.0 / 1e5,
    /** HTTP/S notifications delivered: $0.60 per million. */
    httpDelivery: 0.6 / 1e6,
  },
  stepfunctions: {
    /** Standard workflows: $0.025 per 1,000 state transitions (retries count as transitions). */
    standardTransition: 0.025 / 1e3,
    /** Express workflows: $1.00 per million requests (executions started). */
    expressRequest: 1.0 / 1e6,
    /** Express workflows, duration: $0.00001667 per GB-second (first 1,000 GB-hours; 64 MB chunks, 100 ms rounding). */
    expressGbSecond: 0.00001667,
  },
  bedrock: {
    /** Amazon Nova Micro, on-demand input tokens: $0.035 per million. */
    novaMicroInputToken: 0.035 / 1e6,
    /** Amazon Nova Micro, on-demand output tokens: $0.14 per million. */
    novaMicroOutputToken: 0.14 / 1e6,
  },
  cloudwatch: {
    /** CloudWatch Logs ingestion, Standard log class (each event counts its message plus 26 bytes): $0.50 per GB. */
    logIngestionGb: 0.5,
  },
  xray: {
    /** X-Ray traces recorded: $5.00 per million. */
    traceRecorded: 5.0 / 1e6,
  },
  apigateway: {
    /** HTTP APIs, first 300 million requests a month (every 512 KB is one request): $1.00 per million. */
    httpApiRequest: 1.0 / 1e6,
  },
} as const;

export type Prices = typeof PRICES;

/** Bytes in the GB CloudWatch Logs and EventBridge archives bill by (GiB, as AWS meters it). */
export const BYTES_PER_GB = 1024 ** 3;

/** The overhead CloudWatch Logs adds to every log event's size when it meters ingestion. */
export const LOG_EVENT_OVERHEAD_BYTES = 26;
