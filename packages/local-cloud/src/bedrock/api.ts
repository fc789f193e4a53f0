import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import { BedrockError, invalid } from './errors';
import { LOCAL_MODEL_HEADER, type LocalModel } from './localModel';

const ROUTE = /^\/model\/([^/]+)\/(converse|invoke|converse-stream|invoke-with-response-stream)$/;

const jsonHeaders = { 'content-type': 'application/json' };

/** A Bedrock error exactly as the service answers it (restJson1: code in `x-amzn-errortype`). */
function errorResponse(error: BedrockError, headers: Record<string, string>): AwsResponse {
  return {
    status: error.status,
    headers: { ...headers, 'x-amzn-errortype': error.code },
    body: { message: error.message },
  };
}

function parseBody(request: AwsRequest): Record<string, unknown> {
  try {
    const body = JSON.parse(request.body.toString('utf8')) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw invalid('Malformed input request, please reformat your input and try again.');
}

/**
 * Bedrock Runtime (signing name `bedrock`): `POST /model/{modelId}/converse` and `/invoke`, answered by the
 * local model. Protocol-agnostic: the gateway may have received it over HTTP/1.1 or h2c.
 */
export class BedrockApi implements AwsApi {
  readonly services = ['bedrock'] as const;

  constructor(private readonly model: LocalModel) {}

  /** `x-spendwise-local-model: true` on local answers; on forwarded ones, where they were forwarded to. */
  private headers(): Record<string, string> {
    const answeredBy = this.model.answeredBy;
    return {
      ...jsonHeaders,
      [LOCAL_MODEL_HEADER]: answeredBy === 'local' ? 'true' : `forwarded to ${answeredBy}`,
    };
  }

  accepts(request: AwsRequest): boolean {
    return request.path.startsWith('/model/');
  }

  async handle(request: AwsRequest): Promise<AwsResponse> {
    try {
      const route = ROUTE.exec(request.path);
      if (!route || request.method !== 'POST')
        throw new BedrockError(
          404,
          'UnknownOperationException',
          `No route for ${request.method} ${request.path}`,
        );
      const modelId = decodeURIComponent(route[1]!);
      const operation = route[2]!;
      if (operation.endsWith('stream'))
        throw invalid(
          `The local model does not stream; use ${operation.startsWith('converse') ? 'Converse' : 'InvokeModel'}.`,
        );
      return operation === 'converse'
        ? await this.converse(modelId, request)
        : await this.invoke(modelId, request);
    } catch (error) {
      if (error instanceof BedrockError) return errorResponse(error, this.headers());
      throw error;
    }
  }

  private async converse(modelId: string, request: AwsRequest): Promise<AwsResponse> {
    return {
      status: 200,
      headers: this.headers(),
      body: await this.model.converse(modelId, parseBody(request)),
    };
  }

  private async invoke(modelId: string, request: AwsRequest): Promise<AwsResponse> {
    const { body, invocation } = await this.model.invoke(modelId, parseBody(request));
    const headers = {
      ...this.headers(),
      'x-amzn-bedrock-input-token-count': String(invocation.inputTokens),
      'x-amzn-bedrock-output-token-count': String(invocation.outputTokens),
      'x-amzn-bedrock-invocation-latency': String(invocation.latencyMs),
    };
    return { status: 200, headers, body: JSON.stringify(body) };
  }
}
