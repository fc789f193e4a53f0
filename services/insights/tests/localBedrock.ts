import type { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockError, type LocalModel } from '@spendwise/local-cloud/bedrock/index';

/**
 * A Bedrock Runtime client answered by the local model, failing with the SDK's error shape (the error's name is
 * the exception, `$metadata.httpStatusCode` its status), for askReportModel's adapter in tests and benchmarks.
 */
export function localBedrockClient(model: LocalModel): BedrockRuntimeClient {
  const send = async (command: ConverseCommand) => {
    const { modelId, ...body } = command.input;
    try {
      return await model.converse(String(modelId), body as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof BedrockError)) throw error;
      throw Object.assign(new Error(error.message), {
        name: error.code,
        $metadata: { httpStatusCode: error.status },
      });
    }
  };
  return { send } as unknown as BedrockRuntimeClient;
}
