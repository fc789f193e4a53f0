import { describe, expect, it } from '@jest/globals';
import { addMonths, formatMoney, locale, minorDigits, parseAmount } from './format';

describe('parseAmount', () => {
  it('reads either decimal separator into minor units of the currency', () => {
    expect(parseAmount('12.5', 'EUR')).toBe(1250);
    expect(parseAmount('12,50', 'EUR')).toBe(1250);
    expect(parseAmount(' 7 ', 'EUR')).toBe(700);
  });

  it('takes a three-digit group after the last separator as thousands in a two-digit currency', () => {
    expect(parseAmount('1.234', 'EUR')).toBe(123400);
    expect(parseAmount('1 234,56', 'EUR')).toBe(123456);
    expect(parseAmount('1,234.56', 'USD')).toBe(123456);
  });

  it('follows the currency’s minor digits', () => {
    expect(parseAmount('1500', 'JPY')).toBe(1500);
    expect(parseAmount('1,500', 'JPY')).toBe(1500);
    expect(parseAmount('1.234', 'KWD')).toBe(1234);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '12.', '-5', '1.2345', '12.5.6x', '€12']) {
      expect(parseAmount(text, 'EUR')).toBeUndefined();
    }
  });
});

describe('formatMoney', () => {
  it('formats minor units as the locale formats the currency', () => {
    const expected = new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(12.5);
    expect(formatMoney({ minorUnits: 1250, currency: 'EUR' })).toBe(expected);
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney({ minorUnits: 1500, currency: 'JPY' })).toBe(
      new Intl.NumberFormat(locale(), { style: 'currency', currency: 'JPY' }).format(1500),
    );
  });
});

describe('addMonths', () => {
  it('moves across year ends both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-05', -17)).toBe('2024-12');
  });
});
