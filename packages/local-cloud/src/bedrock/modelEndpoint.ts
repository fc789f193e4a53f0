import { bedrockBackend, bedrockRuntimePort } from './bedrockBackend';
import type { ModelBackend } from './modelBackend';
import { openAiBackend } from './openAiBackend';

/** Where Bedrock calls go: `pnpm start --model-endpoint bedrock|<url> [--model-region r] [--model-id id]`. */
export interface ModelEndpointOptions {
  /** `local` (default), `bedrock`, or the base URL of an OpenAI-compatible API (`http://localhost:11434/v1`). */
  endpoint?: string;
  /** Bedrock's region (default AWS_REGION, else the local cloud's region). */
  region?: string;
  /** Bedrock: replaces each request's model id. OpenAI-compatible: the server's model name (required). */
  modelId?: string;
}

/** Thrown for options that name no usable model endpoint, with what to give instead. */
export class ModelEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelEndpointError';
  }
}

/**
 * The backend the options name, or undefined for the local model.
 *
 * @example modelBackendOf({ endpoint: 'http://localhost:11434/v1', modelId: 'llama3.2' }, 'eu-west-1')
 * @throws ModelEndpointError for an endpoint that is neither `bedrock` nor an http(s) URL, or a URL without a model
 */
export function modelBackendOf(
  options: ModelEndpointOptions,
  defaultRegion: string,
  env: Record<string, string | undefined> = process.env,
): ModelBackend | undefined {
  const endpoint = options.endpoint?.trim();
  if (!endpoint || endpoint === 'local') return undefined;
  if (endpoint === 'bedrock') {
    const region = options.region ?? env.AWS_REGION ?? defaultRegion;
    return bedrockBackend(bedrockRuntimePort(region), {
      region,
      ...(options.modelId ? { modelId: options.modelId } : {}),
    });
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ModelEndpointError(
      `--model-endpoint must be "local", "bedrock" or the URL of an OpenAI-compatible API such as http://localhost:11434/v1 (Ollama), not "${endpoint}"`,
    );
  if (!options.modelId)
    throw new ModelEndpointError(
      `--model-id is required with --model-endpoint ${endpoint}: the server's model name, e.g. llama3.2 (see \`ollama list\`)`,
    );
  return openAiBackend({
    baseUrl: endpoint,
    model: options.modelId,
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
  });
}
