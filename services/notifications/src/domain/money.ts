import type { Money } from '@spendwise/contracts';

/** Digits after the decimal separator of an ISO 4217 currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyExponent(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * Renders integer minor units as `EUR 1,234.56` with integer arithmetic only (no float ever touches money).
 *
 * @example formatMoney({ minorUnits: 123456, currency: 'EUR' }) // 'EUR 1,234.56'
 */
export function formatMoney({ minorUnits, currency }: Money): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minorUnits)
    .toString()
    .padStart(exponent + 1, '0');
  const major = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${minorUnits < 0 ? '-' : ''}${currency} ${major}${minor}`;
}
