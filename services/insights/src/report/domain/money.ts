/** Arithmetic on money for the report (written out for people by `formatMoney` of @spendwise/contracts). */

/** `part` as a whole percentage of `whole` (rounded half up); undefined when `whole` is not positive. */
export function percentOf(part: number, whole: number): number | undefined {
  if (whole <= 0) return undefined;
  return Math.round((part * 100) / whole);
}
