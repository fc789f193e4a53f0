/**
 * Environment helpers: read configuration once, at cold start, and fail fast with a message that names the
 * variable, rather than failing later with `undefined` somewhere deep in a request.
 */

const pkg = '@spendwise/lambda-kit';

/** A required environment variable is unset or blank. */
export class MissingEnvironmentVariableError extends Error {
  readonly status = 500;
  readonly variable: string;

  constructor(variable: string) {
    super(`Missing required environment variable ${variable}`, {
      cause: { package: pkg, data: { variable } },
    });
    this.name = 'MissingEnvironmentVariableError';
    this.variable = variable;
  }
}

/** An environment variable is set but its value has the wrong shape. */
export class InvalidEnvironmentVariableError extends Error {
  readonly status = 500;
  readonly variable: string;

  constructor(variable: string, expected: string, value: string) {
    super(`Environment variable ${variable} must be ${expected}, got "${value}"`, {
      cause: { package: pkg, data: { variable, value } },
    });
    this.name = 'InvalidEnvironmentVariableError';
    this.variable = variable;
  }
}

const read = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value === '' ? undefined : value;
};

/**
 * Reads a required variable, trimmed.
 *
 * @example
 * const tableName = requireEnv('TABLE_NAME'); // throws MissingEnvironmentVariableError when unset or blank
 */
export const requireEnv = (name: string): string => {
  const value = read(name);
  if (value === undefined) {
    throw new MissingEnvironmentVariableError(name);
  }
  return value;
};

/**
 * Reads an optional variable, trimmed, or returns the fallback when it is unset or blank.
 *
 * @example
 * const namespace = optionalEnv('POWERTOOLS_METRICS_NAMESPACE', 'Spendwise');
 */
export const optionalEnv = (name: string, fallback: string): string => read(name) ?? fallback;

const integerPattern = /^[+-]?\d+$/;

/**
 * Reads an integer variable, or returns the fallback when it is unset or blank; anything that is not a safe
 * integer throws InvalidEnvironmentVariableError.
 *
 * @example
 * const ttlSeconds = intEnv('IDEMPOTENCY_TTL_SECONDS', 3600);
 */
export const intEnv = (name: string, fallback: number): number => {
  const value = read(name);
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!integerPattern.test(value) || !Number.isSafeInteger(parsed)) {
    throw new InvalidEnvironmentVariableError(name, 'an integer', value);
  }
  return parsed;
};
