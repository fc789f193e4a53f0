import { randomUUID } from 'node:crypto';
import type { LocalCloud } from '../../core/context';
import { TaskFailedError } from '../taskError';
import type { Integration } from './types';

/**
 * Runs a function synchronously and returns its result. A function error becomes a States error named by the
 * function's `errorType` with Lambda's error payload (JSON) as Cause, so `Retry`/`Catch` on custom errors work.
 */
export async function invokeFunction(
  ctx: LocalCloud,
  functionRef: string,
  payload: unknown,
): Promise<unknown> {
  if (!ctx.lambda.has(functionRef)) {
    throw new TaskFailedError(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${functionRef} (Service: Lambda, Status Code: 404, Error Code: ResourceNotFoundException)`,
    );
  }
  const outcome = await ctx.lambda.invoke(functionRef, payload);
  if (outcome.ok) return outcome.result ?? null;
  const errorType = outcome.errorType || 'Lambda.Unknown';
  const cause = { errorType, errorMessage: outcome.errorMessage, trace: outcome.trace ?? [] };
  throw new TaskFailedError(errorType, JSON.stringify(cause));
}

/** Response metadata the Lambda integration adds around the payload. */
const metadata = (statusCode: number) => ({
  SdkHttpMetadata: { HttpStatusCode: statusCode, HttpHeaders: { 'X-Amz-Executed-Version': '$LATEST' } },
  SdkResponseMetadata: { RequestId: randomUUID() },
});

/** `arn:aws:states:::lambda:invoke`: result wrapped as `{ ExecutedVersion, Payload, StatusCode, … }`. */
export const lambdaInvoke: Integration = async (parameters, { ctx }) => {
  const functionName = String(parameters.FunctionName ?? '');
  if (!functionName) throw new TaskFailedError('States.Runtime', 'lambda:invoke needs FunctionName');
  const payload = parameters.Payload ?? {};
  if (parameters.InvocationType === 'Event') {
    await ctx.lambda.invoke(functionName, payload, { async: true });
    return { Payload: '', StatusCode: 202, ...metadata(202) };
  }
  if (parameters.InvocationType === 'DryRun') return { Payload: '', StatusCode: 204, ...metadata(204) };
  const result = await invokeFunction(ctx, functionName, payload);
  return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200, ...metadata(200) };
};
