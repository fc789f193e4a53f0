/**
 * Money for people to read: the one formatter every Spendwise text uses (inbox items, e-mails, webhooks, report
 * texts, the demo). Amounts are integer minor units; they reach `Intl.NumberFormat` as an exact decimal string,
 * never as a float, so no amount is ever rounded.
 */

/** An amount as events and APIs carry it: integer minor units of an ISO 4217 currency. */
export interface MoneyAmount {
  minorUnits: number;
  currency: string;
}

/** The locale of texts that do not know the reader's: English, the language of every Spendwise text. */
export const DEFAULT_MONEY_LOCALE = 'en';

const formatters = new Map<string, Intl.NumberFormat>();

const formatterFor = (currency: string, locale: string): Intl.NumberFormat => {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
};

/**
 * Digits after the decimal separator of an ISO 4217 currency, from the runtime's CLDR data: 2 for EUR, 0 for
 * JPY, 3 for BHD (2 for a well-formed code the runtime does not know).
 *
 * @throws RangeError when `currency` is not a three-letter code.
 */
export const currencyDigits = (currency: string): number =>
  formatterFor(currency, DEFAULT_MONEY_LOCALE).resolvedOptions().maximumFractionDigits ?? 2;

/** Integer minor units as an exact decimal string: `(-123456, 2)` → `"-1234.56"`. */
function decimalOf(minorUnits: number, digits: number): string {
  if (!Number.isSafeInteger(minorUnits))
    throw new RangeError(`${minorUnits} is not an amount in minor units`);
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${minorUnits < 0 ? '-' : ''}${whole}${fraction}`;
}

/**
 * Renders an amount in the currency's notation for `locale` (default English): the symbol and separators of the
 * locale, exactly the currency's minor-unit digits.
 *
 * @example formatMoney({ minorUnits: 123456, currency: 'EUR' }) // '€1,234.56'
 * @example formatMoney({ minorUnits: 1500, currency: 'JPY' }) // '¥1,500'
 * @example formatMoney({ minorUnits: 123456, currency: 'EUR' }, 'de-DE') // '1.234,56 €'
 * @throws RangeError when the currency is not a three-letter code, the locale is malformed or the amount is not
 * a safe integer.
 */
export function formatMoney(money: MoneyAmount, locale: string = DEFAULT_MONEY_LOCALE): string {
  const formatter = formatterFor(money.currency, locale);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  // A numeric string is formatted as the exact decimal it writes (Intl.NumberFormat v3).
  return formatter.format(decimalOf(money.minorUnits, digits) as unknown as number);
}
