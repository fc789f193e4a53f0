import { serviceTaskError, TaskFailedError } from '../taskError';
import type { Integration } from './types';

/** A model id from `ModelId`, which may be a bare id or a foundation-model / inference-profile ARN. */
export const modelIdOf = (value: string): string =>
  value.startsWith('arn:') ? value.split('/').pop()! : value;

/** `arn:aws:states:::bedrock:invokeModel`: `Body` in, `{ Body, ContentType }` out; errors `Bedrock.*`. */
export const bedrockInvokeModel: Integration = async (parameters, { model }) => {
  if (!model) throw new TaskFailedError('States.Runtime', 'No local model is wired to Step Functions');
  if (parameters.Input !== undefined || parameters.Output !== undefined) {
    throw new TaskFailedError(
      'States.Runtime',
      'bedrock:invokeModel Input/Output (S3) are not supported locally',
    );
  }
  const body = typeof parameters.Body === 'string' ? JSON.parse(parameters.Body) : parameters.Body;
  try {
    const answer = await model.invokeModel(modelIdOf(String(parameters.ModelId ?? '')), body);
    return { Body: answer, ContentType: 'application/json' };
  } catch (error) {
    throw serviceTaskError('Bedrock', error);
  }
};
