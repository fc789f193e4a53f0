import { describe, expect, it } from '@jest/globals';
import { toEsmModule, UnsupportedRuntimeError } from './validatorCode';

const options = { header: '// generated', runtimeModule: '@spendwise/contracts/validatorRuntime' };

describe('toEsmModule', () => {
  it("replaces ajv's CommonJS helpers with imports from the validator runtime", () => {
    const code = [
      '"use strict";',
      'export const validateThing = validate10;',
      'const func0 = require("ajv/dist/runtime/ucs2length").default;',
      'const formats0 = fullFormats.date;',
    ].join('\n');

    const module = toEsmModule(code, options);

    expect(module).toBe(
      [
        '// generated',
        "import { fullFormats, ucs2length } from '@spendwise/contracts/validatorRuntime';",
        'export const validateThing = validate10;',
        'const func0 = ucs2length;',
        'const formats0 = fullFormats.date;',
        '',
      ].join('\n'),
    );
  });

  it('imports nothing when the validators need no helper', () => {
    const module = toEsmModule('"use strict";\nexport const validateThing = validate10;', options);

    expect(module).toBe('// generated\nexport const validateThing = validate10;\n');
  });

  it('refuses code that needs a helper the runtime does not provide', () => {
    const code = 'const func1 = require("ajv/dist/runtime/uri").default;';

    expect(() => toEsmModule(code, options)).toThrow(UnsupportedRuntimeError);
  });
});
