/** A conditional write lost against a concurrent change of the same items: read again and re-plan. */
export class ConcurrentChangeError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} changed concurrently`, options);
    this.name = 'ConcurrentChangeError';
  }
}

/** A pagination cursor that this service did not issue (or that was tampered with). */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid');
    this.name = 'InvalidCursorError';
  }
}
