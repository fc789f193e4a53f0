import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { currencyDigits, formatMoney } from '../../src/index';

describe('formatMoney', () => {
  it.each([
    [123_456, 'EUR', '€1,234.56'],
    [5, 'EUR', '€0.05'],
    [-250, 'USD', '-$2.50'],
    [1_500, 'JPY', '¥1,500'],
    [1_234_567, 'BHD', 'BHD\u00a01,234.567'],
    [100, 'CHF', 'CHF\u00a01.00'],
  ])('writes %i minor units of %s as %s in the default locale', (minorUnits, currency, text) => {
    expect(formatMoney({ minorUnits, currency })).toBe(text);
  });

  it('follows the locale it is given', () => {
    // Intl separates number and symbol with a no-break space in these locales.
    expect(formatMoney({ minorUnits: 123_456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney({ minorUnits: 1_500, currency: 'JPY' }, 'ja-JP')).toBe('￥1,500');
  });

  it('never rounds: every minor unit of any safe amount is written out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('EUR', 'JPY', 'BHD'),
        (minorUnits, currency) => {
          const digitsOnly = formatMoney({ minorUnits, currency }).replace(/\D/g, '');
          const expected = String(Math.abs(minorUnits)).padStart(currencyDigits(currency) + 1, '0');

          expect(digitsOnly).toBe(expected);
        },
      ),
    );
  });

  it('takes the minor-unit digits from the currency', () => {
    expect([currencyDigits('EUR'), currencyDigits('JPY'), currencyDigits('BHD')]).toEqual([2, 0, 3]);
  });

  it('refuses what is not money rather than writing something wrong', () => {
    expect(() => formatMoney({ minorUnits: 1.5, currency: 'EUR' })).toThrow(RangeError);
    expect(() => formatMoney({ minorUnits: 100, currency: 'EURO' })).toThrow(RangeError);
  });
});
