/**
 * Wraps use cases so that what they throw passes through `translate` first: a service turns its domain errors
 * into HttpProblemErrors in one place, and anything it does not know passes through unchanged.
 *
 * @example export const withDomainErrors = mapErrors(asHttpProblem);
 */
export function mapErrors(translate: (error: unknown) => unknown) {
  return <A extends unknown[], R>(useCase: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await useCase(...args);
      } catch (error) {
        throw translate(error);
      }
    };
}
