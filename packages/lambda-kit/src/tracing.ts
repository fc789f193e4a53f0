/**
 * X-Ray tracing that costs nothing at cold start (docs/adr/0019-x-ray-off-the-init-path.md).
 *
 * Lambda's active tracing records the platform segments (Init, Invoke, Overhead) without any code in the function.
 * What the function adds — a `## handler` subsegment with the ColdStart and Service annotations, and one subsegment
 * per AWS SDK call — needs the Powertools Tracer and the X-Ray SDK under it (~115 KB minified with semver and
 * cls-hooked, 25–35 ms of init). `LazyTracer` loads them with a dynamic import on the first invocation whose trace
 * is sampled, and only then instruments the clients given to `traceClient`; an unsampled invocation never loads
 * them. How many invocations are sampled is X-Ray's sampling rules (configuration, not code).
 */

import { getStringFromEnv, isRequestXRaySampled } from '@aws-lambda-powertools/commons/utils/env';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type middy from '@middy/core';

/** What `traceHandler` and `traceClient` need of a tracer: LazyTracer, or a Powertools Tracer in tests. */
export interface HandlerTracer {
  /** True when this environment records traces at all (on Lambda, unless POWERTOOLS_TRACE_ENABLED=false). */
  isTracingEnabled(): boolean;
  /** Instruments an AWS SDK v3 client, now or once the tracer is loaded. */
  captureAWSv3Client<T>(client: T): T;
}

/** The part of the Powertools Tracer its handler middleware calls. */
type LoadedTracer = Pick<
  Tracer,
  | 'isTracingEnabled'
  | 'getSegment'
  | 'setSegment'
  | 'putAnnotation'
  | 'addServiceNameAnnotation'
  | 'addResponseAsMetadata'
  | 'addErrorAsMetadata'
  | 'captureAWSv3Client'
>;

export interface LazyTracerOptions {
  serviceName: string;
  /** Builds the real tracer; the default imports the Powertools Tracer (and the X-Ray SDK) on first use. */
  load?: (serviceName: string) => Promise<LoadedTracer>;
  /** Whether the current invocation's trace is sampled; the default reads Lambda's trace header. */
  isSampled?: () => boolean;
}

const loadPowertoolsTracer = async (serviceName: string): Promise<LoadedTracer> => {
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  return new Tracer({ serviceName });
};

/**
 * Whether Powertools would trace here: on Lambda (AWS_EXECUTION_ENV set), not under SAM local or the Amplify mock,
 * and not switched off by POWERTOOLS_TRACE_ENABLED=false — the Tracer's own rule, read without loading it.
 */
const tracingEnabledByEnv = (): boolean => {
  const executionEnv = getStringFromEnv({ key: 'AWS_EXECUTION_ENV', defaultValue: '' });
  if (getStringFromEnv({ key: 'POWERTOOLS_TRACE_ENABLED', defaultValue: '' }).toLowerCase() === 'false')
    return false;
  if (getStringFromEnv({ key: 'AWS_SAM_LOCAL', defaultValue: '' }) !== '') return false;
  return executionEnv !== '' && executionEnv !== 'AWS_Lambda_amplify-mock';
};

/**
 * A tracer that loads the Powertools Tracer on the first sampled invocation. Until then it only remembers the
 * clients to instrument.
 *
 * @example
 * const tracer = new LazyTracer({ serviceName: 'expenses' });
 * const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({})); // instrumented once a sampled request comes
 */
export class LazyTracer implements HandlerTracer {
  readonly #serviceName: string;
  readonly #load: (serviceName: string) => Promise<LoadedTracer>;
  readonly #isSampled: () => boolean;
  readonly #enabled: boolean;
  #pendingClients: unknown[] = [];
  #invocations = 0;
  #loading: Promise<LoadedTracer> | undefined;
  #loaded: LoadedTracer | undefined;

  constructor(options: LazyTracerOptions) {
    this.#serviceName = options.serviceName;
    this.#load = options.load ?? loadPowertoolsTracer;
    this.#isSampled = options.isSampled ?? isRequestXRaySampled;
    this.#enabled = tracingEnabledByEnv();
  }

  isTracingEnabled(): boolean {
    return this.#enabled;
  }

  /** True when this invocation should be traced: tracing is on and Lambda sampled its trace. */
  isSampled(): boolean {
    return this.#enabled && this.#isSampled();
  }

  /**
   * Counts an invocation and tells whether it is the environment's cold start (its first, on-demand one). Kept
   * here because the Powertools Tracer, loaded on the first sampled invocation, would take that one for cold.
   */
  startInvocation(): { coldStart: boolean } {
    this.#invocations += 1;
    const provisioned = process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'provisioned-concurrency';
    return { coldStart: this.#invocations === 1 && !provisioned };
  }

  /** The Powertools Tracer once loaded, else undefined. */
  get loaded(): LoadedTracer | undefined {
    return this.#loaded;
  }

  /** Loads the Powertools Tracer (once) and instruments every client given so far. */
  load(): Promise<LoadedTracer> {
    this.#loading ??= this.#load(this.#serviceName).then((tracer) => {
      this.#loaded = tracer;
      for (const client of this.#pendingClients) tracer.captureAWSv3Client(client);
      this.#pendingClients = [];
      return tracer;
    });
    return this.#loading;
  }

  captureAWSv3Client<T>(client: T): T {
    if (!this.#enabled) return client;
    if (this.#loaded) return this.#loaded.captureAWSv3Client(client);
    this.#pendingClients.push(client);
    return client;
  }
}

type TracedRequest = middy.Request<unknown, unknown, Error>;

/** What Powertools' handler middleware keeps per invocation, under `request.internal`. */
interface HandlerSegments {
  parent: ReturnType<LoadedTracer['getSegment']>;
  handler: NonNullable<ReturnType<LoadedTracer['getSegment']>>;
}

const SEGMENTS = 'spendwiseTracing.segments';

const segmentsOf = (request: TracedRequest) =>
  (request.internal as Record<string, unknown>)[SEGMENTS] as HandlerSegments | undefined;

/**
 * The handler middleware: on a sampled invocation, loads the tracer if needed and records the `## <handler>`
 * subsegment with the ColdStart and Service annotations, the response (unless `captureResponse: false`) or the
 * error as metadata — what `captureLambdaHandler` of Powertools records. An unsampled invocation costs a check of
 * the trace header.
 *
 * @example middy(handler).use(traceHandler(tracer, { captureResponse: false }))
 */
export const traceHandler = (
  tracer: LazyTracer,
  options: { captureResponse?: boolean } = {},
): middy.MiddlewareObj<unknown, unknown, Error> => {
  const close = (request: TracedRequest, record: (loaded: LoadedTracer) => void) => {
    const segments = segmentsOf(request);
    const loaded = tracer.loaded;
    if (!segments || !loaded) return;
    (request.internal as Record<string, unknown>)[SEGMENTS] = undefined;
    record(loaded);
    try {
      segments.handler.close();
    } catch (error) {
      console.warn('Failed to close segment %s; trace data may be lost', segments.handler.name, error);
    }
    loaded.setSegment(segments.parent as NonNullable<typeof segments.parent>);
  };
  return {
    before: async (request) => {
      const { coldStart } = tracer.startInvocation();
      if (!tracer.isSampled()) return;
      let loaded: LoadedTracer;
      try {
        loaded = await tracer.load();
      } catch (error) {
        // Tracing must never fail a request: without the tracer, Lambda's own segments still record it.
        console.warn('Tracer could not be loaded; this invocation has no handler subsegment', error);
        return;
      }
      const parent = loaded.getSegment();
      if (parent === undefined) return;
      const handler = parent.addNewSubsegment(`## ${process.env._HANDLER}`);
      (request.internal as Record<string, unknown>)[SEGMENTS] = { parent, handler } satisfies HandlerSegments;
      loaded.setSegment(handler);
      loaded.putAnnotation('ColdStart', coldStart);
      loaded.addServiceNameAnnotation();
    },
    after: (request) =>
      close(request, (loaded) => {
        if (options.captureResponse ?? true)
          loaded.addResponseAsMetadata(request.response, process.env._HANDLER);
      }),
    onError: (request) =>
      close(request, (loaded) => {
        loaded.addErrorAsMetadata(request.error as Error);
      }),
  };
};
