/**
 * Node 22 APIs that `aws-local-stepfunctions` 3 needs, provided on Node 20 when missing.
 *
 * The library declares `engines.node >= 22`. An audit of its `build/main.node.esm.js` (v3.0.0) and of its
 * runtime dependencies (asl-validator, jsonpath-plus, p-limit, wildcard-match) finds exactly one API that
 * Node 20 lacks: `Promise.withResolvers` (ES2024, Node 22), used by `TaskStateAction` to race a task against
 * its `TimeoutSeconds`. Everything else it calls is native on Node 20.19: `AbortSignal.any` (Node 20.3,
 * `StateMachine.run`), `EventTarget`/`Event` (EventLogger), `structuredClone`-free JSON cloning.
 *
 * Import this module before the library. It never replaces a native implementation.
 */

interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

/** `Promise.withResolvers` as specified in ES2024. */
function withResolvers<T>(this: PromiseConstructor): Resolvers<T> {
  let resolve!: Resolvers<T>['resolve'];
  let reject!: Resolvers<T>['reject'];
  const promise = new this<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Installs the polyfills that are missing; returns the names it installed (empty on Node 22+). */
export function installNode22Polyfills(): string[] {
  const installed: string[] = [];
  const promise = Promise as PromiseConstructor & { withResolvers?: unknown };
  if (typeof promise.withResolvers !== 'function') {
    Object.defineProperty(Promise, 'withResolvers', {
      value: withResolvers,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    installed.push('Promise.withResolvers');
  }
  return installed;
}

installNode22Polyfills();
