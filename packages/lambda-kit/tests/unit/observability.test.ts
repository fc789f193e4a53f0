import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createObservability, traceClient, withCorrelationId } from '../../src/observability';
import { type CapturedOutput, captureOutput, testObservability } from '../fixtures/observability';

let output: CapturedOutput;
let savedEnv: NodeJS.ProcessEnv;
beforeEach(() => {
  savedEnv = { ...process.env };
  // Dev mode prints through the global console, where captureOutput sees it.
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  process.env = savedEnv;
});

describe('createObservability', () => {
  it('names the service from POWERTOOLS_SERVICE_NAME', () => {
    process.env.POWERTOOLS_SERVICE_NAME = 'insights';
    const { logger } = createObservability();

    logger.info('hello');

    expect(output.logs('hello')).toEqual([expect.objectContaining({ service: 'insights' })]);
  });

  it('emits metrics in the Spendwise namespace by default', () => {
    delete process.env.POWERTOOLS_METRICS_NAMESPACE;
    const { metrics } = createObservability();

    metrics.addMetric('Probe', 'Count', 1);
    metrics.publishStoredMetrics();

    const [emf] = output.lines as { _aws?: { CloudWatchMetrics?: { Namespace: string }[] } }[];
    expect(emf?._aws?.CloudWatchMetrics?.[0]?.Namespace).toBe('Spendwise');
  });

  it('logs the per-invocation "no application metrics" notice at DEBUG, not WARN', () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    const { metrics } = createObservability();

    metrics.publishStoredMetrics();

    const notices = output.lines.filter((line) => String(line.message).startsWith('No application metrics'));
    expect(notices.map((line) => line.level)).toEqual(['DEBUG']);
  });

  it('keeps other metrics warnings at WARN', () => {
    const { metrics } = createObservability();

    metrics.addDimension('', 'x');

    expect(output.lines.map((line) => line.level)).toEqual(['WARN']);
  });

  it('leaves the tracer off outside Lambda', () => {
    delete process.env.POWERTOOLS_TRACE_ENABLED;
    const { tracer } = createObservability();

    expect(tracer.isTracingEnabled()).toBe(false);
  });
});

describe('traceClient', () => {
  it('returns the client itself when tracing is off', () => {
    const client = { send: async () => ({}) };

    expect(traceClient(client)).toBe(client);
  });
});

describe('withCorrelationId', () => {
  it('adds correlationId to the following log lines', () => {
    const { logger } = testObservability();

    withCorrelationId('corr-1', logger);
    logger.info('hello');

    expect(output.logs('hello')).toEqual([expect.objectContaining({ correlationId: 'corr-1' })]);
  });
});
