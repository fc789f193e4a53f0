/** One field-level violation of a problem (`errors[]`): a JSON Pointer into the request and a message. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem document as the Spendwise APIs answer errors with (application/problem+json). */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

/**
 * An API answered with an error. `code` is the stable, machine-readable reason (e.g. `VERSION_MISMATCH`,
 * `VALIDATION_FAILED`); `fieldErrors` point at offending fields; `problem` has every extension member (e.g.
 * `currentVersion`). An answer that is not problem+json (API Gateway's own 401, a proxy's 502) gets a code from
 * its status.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly problem: ProblemDocument;
  /** Seconds to wait before retrying, when the answer said (Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  /** The request, as `METHOD url`, for messages and logs. */
  readonly request: string;

  constructor(status: number, problem: ProblemDocument, request: string, retryAfter?: string | null) {
    const code = problem.code ?? codeOfStatus(status);
    const detail =
      problem.detail ?? (typeof problem.message === 'string' ? problem.message : `HTTP ${status}`);
    super(`${request} answered ${status} ${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.title = problem.title ?? codeOfStatus(status);
    this.detail = detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
    const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : undefined;
    this.request = request;
  }

  /** The message of the field at `path` (e.g. `/body/amount/minorUnits`), for showing it next to the field. */
  fieldError(path: string): string | undefined {
    return this.fieldErrors.find((error) => error.path === path)?.message;
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

function codeOfStatus(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR');
}

/** Reads an error answer into a ProblemError (whatever its body: problem+json, JSON, text or nothing). */
export async function problemOf(response: Response, request: string, body?: unknown): Promise<ProblemError> {
  let problem: ProblemDocument = {};
  if (body !== undefined && typeof body === 'object' && body !== null) problem = body as ProblemDocument;
  else {
    const text = typeof body === 'string' ? body : await response.text().catch(() => '');
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      problem = typeof parsed === 'object' && parsed !== null ? (parsed as ProblemDocument) : {};
    } catch {
      problem = text ? { detail: text } : {};
    }
  }
  return new ProblemError(response.status, problem, request, response.headers.get('retry-after'));
}
