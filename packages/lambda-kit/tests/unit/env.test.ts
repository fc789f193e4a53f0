import { afterEach, describe, expect, it } from '@jest/globals';
import {
  InvalidEnvironmentVariableError,
  intEnv,
  MissingEnvironmentVariableError,
  optionalEnv,
  requireEnv,
} from '../../src/env';

const name = 'LAMBDA_KIT_TEST_VARIABLE';

afterEach(() => {
  delete process.env[name];
});

describe('requireEnv', () => {
  it('returns the value trimmed', () => {
    process.env[name] = '  expenses-table \n';

    expect(requireEnv(name)).toBe('expenses-table');
  });

  it('throws MissingEnvironmentVariableError naming an unset variable', () => {
    expect(() => requireEnv(name)).toThrow(new MissingEnvironmentVariableError(name));
    expect(() => requireEnv(name)).toThrow(name);
  });

  it('treats a blank value as missing', () => {
    process.env[name] = '   ';

    expect(() => requireEnv(name)).toThrow(MissingEnvironmentVariableError);
  });
});

describe('optionalEnv', () => {
  it('returns the fallback when the variable is unset', () => {
    expect(optionalEnv(name, 'Spendwise')).toBe('Spendwise');
  });

  it('returns the trimmed value when the variable is set', () => {
    process.env[name] = ' Custom ';

    expect(optionalEnv(name, 'Spendwise')).toBe('Custom');
  });
});

describe('intEnv', () => {
  it('parses an integer', () => {
    process.env[name] = ' 3600 ';

    expect(intEnv(name, 60)).toBe(3600);
  });

  it('returns the fallback when the variable is unset', () => {
    expect(intEnv(name, 60)).toBe(60);
  });

  it.each(['12.5', '1e3', 'ten', '0x10', '99999999999999999999'])('fails fast on %p', (value) => {
    process.env[name] = value;

    expect(() => intEnv(name, 60)).toThrow(InvalidEnvironmentVariableError);
  });
});
