import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { intEnv, requireEnv } from '@spendwise/lambda-kit/env';
import { observability, traceClient } from '@spendwise/lambda-kit/observability';
import { buildBedrockModel } from '../../report/adapters/bedrockModel';
import { powertoolsMetric, workflowStep } from '../../report/workflowStep';
import { askReportModel } from './askReportModel';

const modelId = requireEnv('MODEL_ID');
// SDK retries off: the state machine retries throttling and timeouts with backoff and jitter, and counts them.
const client = traceClient(new BedrockRuntimeClient({ maxAttempts: 1 }));

export const handler = workflowStep(
  askReportModel({
    askModel: buildBedrockModel(client, { modelId, timeoutMs: intEnv('MODEL_TIMEOUT_MS', 15_000) }),
    modelId,
    recordMetric: powertoolsMetric(observability),
  }),
);
