/** A serverless-compose.yml that cannot be read, or whose services cannot be ordered. */
export class ComposeError extends Error {
  override name = 'ComposeError';
}

/** `osls package` failed for a service; `output` holds what osls printed (stdout and stderr, interleaved). */
export class PackagingError extends Error {
  override name = 'PackagingError';

  constructor(
    readonly service: string,
    readonly exitCode: number | null,
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(
      `osls package failed for service "${service}" (exit code ${exitCode ?? 'none'}):\n${tail(output, 60)}`,
      options,
    );
  }
}

/** Several services failed to package; each failure is in `errors`. */
export class PackagingFailedError extends AggregateError {
  override name = 'PackagingFailedError';

  constructor(readonly failures: PackagingError[]) {
    super(
      failures,
      `${failures.length} service(s) failed to package: ${failures.map((f) => f.service).join(', ')}\n\n` +
        failures.map((f) => f.message).join('\n\n'),
    );
  }
}

/** A packaged template that is missing or not valid JSON. */
export class TemplateNotFoundError extends Error {
  override name = 'TemplateNotFoundError';
}

function tail(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  const kept = all.slice(-lines);
  return (all.length > lines ? `… (${all.length - lines} earlier lines)\n` : '') + kept.join('\n');
}
