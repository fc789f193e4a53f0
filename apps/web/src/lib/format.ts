/**
 * Money and dates through Intl in the user's locale. Amounts travel as integer minor units of an ISO 4217
 * currency; the number of minor digits comes from Intl itself (2 for EUR, 0 for JPY, 3 for KWD).
 */
export interface Money {
  minorUnits: number;
  currency: string;
}

export const locale = (): string => (typeof navigator === 'undefined' ? 'en' : navigator.language || 'en');

const formatters = new Map<string, Intl.NumberFormat>();
function currencyFormat(currency: string, signed = false): Intl.NumberFormat {
  const key = `${currency}|${signed}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** Digits after the decimal separator in `currency` (ISO 4217 minor unit). */
export const minorDigits = (currency: string): number =>
  currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;

/** 1250 EUR → "€12.50" (or "12,50 €" in de-DE). */
export function formatMoney(money: Money, options: { signed?: boolean } = {}): string {
  const value = money.minorUnits / 10 ** minorDigits(money.currency);
  return currencyFormat(money.currency, options.signed).format(value);
}

/**
 * What a person typed as an amount ("12.5", "12,50", "1 234,56") in minor units, or undefined when it is not an
 * amount with at most the currency's digits. The last "." or "," is the decimal separator.
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned)) return undefined;
  const digits = minorDigits(currency);
  const last = Math.max(cleaned.lastIndexOf('.'), cleaned.lastIndexOf(','));
  let whole = cleaned;
  let fraction = '';
  if (last >= 0) {
    const tail = cleaned.slice(last + 1);
    if (tail.length > 0 && tail.length <= digits) {
      whole = cleaned.slice(0, last);
      fraction = tail;
    } else if (tail.length !== 3) {
      // Not a decimal part of this currency, nor a thousands group ("1.234" in a 2-digit currency).
      return undefined;
    }
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return undefined;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units as the plain number an input shows ("12.50"), no currency sign. */
export const amountInput = (money: Money): string =>
  (money.minorUnits / 10 ** minorDigits(money.currency)).toFixed(minorDigits(money.currency));

/** "2026-12-06" → "6 Dec 2026" in the user's locale (the date is a calendar day: no time zone shift). */
export function formatDay(day: string, style: 'medium' | 'long' | 'short' = 'medium'): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** "2026-12" → "December 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)),
  );
}

/** An instant as date and time in the user's zone. */
export const formatInstant = (iso: string): string =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const formatPercent = (percent: number, signed = false): string =>
  new Intl.NumberFormat(locale(), {
    style: 'percent',
    maximumFractionDigits: 1,
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(percent / 100);

/** Today's calendar day (YYYY-MM-DD) in the user's zone. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const thisMonth = (now = new Date()): string => today(now).slice(0, 7);

/** The month `delta` months away from `month` (YYYY-MM). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const CURRENCY_KEY = 'spendwise.currency';

/** Remembers the currency of the last amount the person entered, for the next one. */
export function rememberCurrency(currency: string): void {
  try {
    localStorage.setItem(CURRENCY_KEY, currency);
  } catch {
    // Storage may be off (private mode): the region's currency is the default then.
  }
}

/** The currency a new amount defaults to: the last one used here, else the region's, else EUR. */
export function defaultCurrency(): string {
  const remembered = (() => {
    try {
      return localStorage.getItem(CURRENCY_KEY);
    } catch {
      return null;
    }
  })();
  if (remembered && /^[A-Z]{3}$/.test(remembered)) return remembered;
  const region = (() => {
    try {
      return new Intl.Locale(locale()).maximize().region;
    } catch {
      return undefined;
    }
  })();
  const byRegion: Record<string, string> = {
    US: 'USD',
    GB: 'GBP',
    CH: 'CHF',
    JP: 'JPY',
    CA: 'CAD',
    AU: 'AUD',
    SE: 'SEK',
    NO: 'NOK',
    DK: 'DKK',
    PL: 'PLN',
    CZ: 'CZK',
    IN: 'INR',
  };
  return (region && byRegion[region]) ?? 'EUR';
}
