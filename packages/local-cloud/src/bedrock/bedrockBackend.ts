import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockError } from './errors';
import { failureOf, type ModelBackend } from './modelBackend';

type Body = Record<string, unknown>;

/** What the forwarding needs of a Bedrock Runtime client: one `send` (a fake in tests). */
export interface BedrockRuntimePort {
  send(command: ConverseCommand | InvokeModelCommand): Promise<unknown>;
  /** Resolves the credentials (default provider chain), to tell at start-up whether there are any. */
  credentials?(): Promise<unknown>;
}

export interface BedrockBackendOptions {
  region: string;
  /** Used instead of the model id of each request (e.g. an inference profile the account may call). */
  modelId?: string;
}

/**
 * A Bedrock Runtime client for the developer's account: credentials from the default provider chain
 * (environment, AWS_PROFILE, SSO, …), the regional endpoint named explicitly so an `AWS_ENDPOINT_URL` pointing at
 * the local cloud cannot send the forwarded call back to it, and one attempt (the caller retries).
 */
export function bedrockRuntimePort(region: string): BedrockRuntimePort {
  const client = new BedrockRuntimeClient({
    region,
    endpoint: `https://bedrock-runtime.${region}.amazonaws.com`,
    maxAttempts: 1,
  });
  return {
    send: (command) => client.send(command as ConverseCommand),
    credentials: () => client.config.credentials(),
  };
}

/** A failed SDK call as the same Bedrock error, or a clear one for missing credentials and the network. */
function forwardedError(error: unknown, region: string): BedrockError {
  const { name, message, $metadata } = (error ?? {}) as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  if ($metadata?.httpStatusCode && name)
    return new BedrockError($metadata.httpStatusCode, name, message ?? name);
  if (name === 'CredentialsProviderError')
    return new BedrockError(
      403,
      'UnrecognizedClientException',
      `No AWS credentials to forward to Amazon Bedrock (${region}): ${message}. Set AWS_PROFILE or sign in (aws sso login).`,
    );
  return new BedrockError(
    503,
    'ServiceUnavailableException',
    `Amazon Bedrock in ${region} is unreachable (${failureOf(error)})`,
  );
}

/**
 * Forwards Converse and InvokeModel to Amazon Bedrock with the developer's credentials:
 * `pnpm start --model-endpoint bedrock [--model-region us-east-1] [--model-id …]`.
 */
export function bedrockBackend(port: BedrockRuntimePort, options: BedrockBackendOptions): ModelBackend {
  const call = async (command: ConverseCommand | InvokeModelCommand) => {
    try {
      return await port.send(command);
    } catch (error) {
      throw forwardedError(error, options.region);
    }
  };
  return {
    description: `Amazon Bedrock (${options.region}${options.modelId ? `, model ${options.modelId}` : ''})`,
    async converse(modelId, body) {
      const input = { ...body, modelId: options.modelId ?? modelId } as ConverseCommandInput;
      const { $metadata: _metadata, ...output } = (await call(new ConverseCommand(input))) as Body;
      return output;
    },
    async invoke(modelId, body) {
      const output = (await call(
        new InvokeModelCommand({
          modelId: options.modelId ?? modelId,
          body: JSON.stringify(body),
          contentType: 'application/json',
          accept: 'application/json',
        }),
      )) as { body?: Uint8Array };
      const answer = JSON.parse(new TextDecoder().decode(output.body ?? new Uint8Array())) as Body;
      // InvokeModel's token counts are response headers the SDK does not return; the body's usage, when any.
      const usage = (answer.usage ?? {}) as Record<string, number>;
      return {
        body: answer,
        inputTokens: usage.input_tokens ?? usage.inputTokens ?? 0,
        outputTokens: usage.output_tokens ?? usage.outputTokens ?? 0,
      };
    },
    async probe() {
      try {
        await port.credentials?.();
        return undefined;
      } catch (error) {
        return forwardedError(error, options.region).message;
      }
    },
  };
}
