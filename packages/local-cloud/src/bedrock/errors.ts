/** An error the Bedrock Runtime API answers with (restJson1: code in `x-amzn-errortype`, `{ message }` body). */
export class BedrockError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BedrockError';
  }
}

export const throttled = () =>
  new BedrockError(
    429,
    'ThrottlingException',
    'Too many requests, please wait before trying your request again.',
  );

export const invalid = (message: string) => new BedrockError(400, 'ValidationException', message);
