/** Money for people to read: integer minor units turned into the currency's decimal notation, never via floats. */

const exponents = new Map<string, number>();

/** Decimal places of an ISO 4217 currency (2 when the runtime does not know it). */
export function minorUnitExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    try {
      exponent =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      exponent = 2;
    }
    exponents.set(currency, exponent);
  }
  return exponent;
}

/**
 * `formatMoney(123456, 'EUR')` → `"1,234.56 EUR"`; `formatMoney(-5, 'JPY')` → `"-5 JPY"`. Digits are split as text,
 * so no amount is ever rounded.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(minorUnits))).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${sign}${whole}${fraction} ${currency}`;
}

/** `part` as a whole percentage of `whole` (rounded half up); undefined when `whole` is not positive. */
export function percentOf(part: number, whole: number): number | undefined {
  if (whole <= 0) return undefined;
  return Math.round((part * 100) / whole);
}
