import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import {
  validateCreateExpenseRequest,
  validateListExpensesQuery,
  validateUpdateExpenseRequest,
} from '../../services/expenses/src/generated/httpValidators';
import { generatedDirs } from './generate';

const root = fileURLToPath(new URL('../..', import.meta.url));

const validatorModules = generatedDirs(root)
  .flatMap((dir) => ['validators.js', 'httpValidators.js'].map((name) => `${dir}/${name}`))
  .filter((file) => existsSync(join(root, file)));

describe('generated validator modules', () => {
  it.each(validatorModules.map((file) => [file]))(
    '%s bundles from its own package without the ajv compiler',
    async (file) => {
      const packageDir = file.split('/src/')[0]!;

      const result = await build({
        absWorkingDir: join(root, packageDir),
        entryPoints: [join(root, file)],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'node',
        metafile: true,
        logLevel: 'silent',
      });

      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((input) => /node_modules\/ajv\//.test(input))).toEqual([]);
      expect(inputs.some((input) => input.includes('ajv-formats/dist/formats.js'))).toBe(true);
    },
    30_000,
  );
});

describe('generated HTTP validators of the expenses service', () => {
  it('accept a create request with money and a date', () => {
    expect(
      validateCreateExpenseRequest({ amount: { minorUnits: 450, currency: 'EUR' }, date: '2025-03-14' }),
    ).toBe(true);
  });

  it('reject a create request whose amount is a float, pointing at it', () => {
    const valid = validateCreateExpenseRequest({
      amount: { minorUnits: 4.5, currency: 'EUR' },
      date: '2025-03-14',
    });

    expect(valid).toBe(false);
    expect(validateCreateExpenseRequest.errors?.map((error) => error.instancePath)).toEqual([
      '/amount/minorUnits',
    ]);
  });

  it('accept an update that clears the note with null', () => {
    expect(validateUpdateExpenseRequest({ note: null })).toBe(true);
  });

  it('reject an empty update', () => {
    expect(validateUpdateExpenseRequest({})).toBe(false);
  });

  it('reject a list query whose limit is out of range', () => {
    expect(validateListExpensesQuery({ month: '2025-03', limit: '101' })).toBe(false);
  });
});
