/** A new Idempotency-Key: a random UUID (Web Crypto, in browsers and in Node alike). */
export const newIdempotencyKey = (): string => globalThis.crypto.randomUUID();

/** One logical request that may be sent several times (a double click, a retry after an error). */
export interface LogicalRequest<T> {
  /** Sends it: while a send is in flight, another call joins it; after a failure, a call sends again with the same key. */
  run(): Promise<T>;
  /** The key every send of this logical request carries. */
  readonly key: string;
}

/**
 * Keeps one Idempotency-Key for a logical request, such as "record this expense" behind a Save button: a double
 * click sends once, and a retry after a network error or a 5xx sends the same key, so the server records one
 * expense and answers the retry with the first answer. Make a new one for the next expense.
 *
 * @example
 * const save = logicalRequest((key) => api.expenses.create(draft, { idempotencyKey: key }));
 * button.onclick = () => save.run();
 */
export function logicalRequest<T>(
  send: (idempotencyKey: string) => Promise<T>,
  key = newIdempotencyKey(),
): LogicalRequest<T> {
  let inFlight: Promise<T> | undefined;
  return {
    key,
    run() {
      inFlight ??= send(key).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
