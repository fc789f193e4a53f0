/** A conditional write lost against a concurrent change of the same items: read again and re-plan. */
export class ConcurrentChangeError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} changed concurrently`, options);
    this.name = 'ConcurrentChangeError';
  }
}
