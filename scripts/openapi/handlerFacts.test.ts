import { describe, expect, it } from '@jest/globals';
import { Components } from './components';
import { problemsIn, reachableProblems } from './handlerFacts';

describe('problemsIn', () => {
  it('reads the status and code of the kit constructors and helpers, not of comments', () => {
    const source = `
      /** @example throw new HttpProblemError(418, 'IN_A_COMMENT', 'x') */
      throw new HttpProblemError(
        428,
        'PRECONDITION_REQUIRED',
        'Send If-Match',
      );
      throw badRequest('INVALID_MONTH', 'x');
      throw notFound('REPORT_NOT_FOUND', 'x');
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'x' };`;

    expect(problemsIn([source])).toEqual([
      { status: 400, code: 'INVALID_MONTH' },
      { status: 404, code: 'REPORT_NOT_FOUND' },
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { status: 428, code: 'PRECONDITION_REQUIRED' },
    ]);
  });
});

describe('reachableProblems', () => {
  const problems = `
    export function asHttpProblem(error) {
      if (error instanceof NotFoundError) return new HttpProblemError(404, 'THING_NOT_FOUND', 'x');
      if (error instanceof StaleError) {
        return new HttpProblemError(412, 'VERSION_MISMATCH', 'x');
      }
    }`;
  // Top-level declarations start their line, as in the services' modules.
  const preconditions = [
    "export function expectedVersion(h) { throw new HttpProblemError(400, 'INVALID_IF_MATCH', 'x'); }",
    "export function requiredVersion(h) { expectedVersion(h); throw new HttpProblemError(428, 'PRECONDITION_REQUIRED', 'x'); }",
    'export const versionTag = (item) => item.version;',
  ].join('\n');

  it('counts a domain error where it is constructed, and a helper where it is called', () => {
    const sources = new Map([
      [
        '/s/src/functions/get/get.ts',
        'if (!found) throw new NotFoundError(id); return { etag: versionTag(x) };',
      ],
      ['/s/src/http/problems.ts', problems],
      ['/s/src/http/preconditions.ts', preconditions],
    ]);

    expect(reachableProblems(sources, '/s/src/functions/get')).toEqual([
      { status: 404, code: 'THING_NOT_FOUND' },
    ]);
  });

  it('follows a helper to the helpers it calls', () => {
    const sources = new Map([
      ['/s/src/functions/put/put.ts', 'const v = requiredVersion(h); if (v !== 1) throw new StaleError();'],
      ['/s/src/http/problems.ts', problems],
      ['/s/src/http/preconditions.ts', preconditions],
    ]);

    expect(reachableProblems(sources, '/s/src/functions/put')).toEqual([
      { status: 400, code: 'INVALID_IF_MATCH' },
      { status: 412, code: 'VERSION_MISMATCH' },
      { status: 428, code: 'PRECONDITION_REQUIRED' },
    ]);
  });
});

describe('Components', () => {
  it('turns each schema a $ref reaches into one component named by its title, and rewrites the refs', () => {
    const byId = new Map([
      [
        'https://schemas.example/a.json',
        {
          schema: {
            $id: 'https://schemas.example/a.json',
            title: 'Thing',
            type: 'object',
            properties: { money: { $ref: 'b.json' }, id: { $ref: 'b.json#/$defs/id' } },
          },
        },
      ],
      [
        'https://schemas.example/b.json',
        { schema: { title: 'Money', type: 'object', $defs: { id: { type: 'string' } }, 'x-spendwise': {} } },
      ],
    ]);
    const components = new Components(byId);

    expect(components.refTo('https://schemas.example/a.json')).toEqual({
      $ref: '#/components/schemas/Thing',
    });
    expect(components.schemas).toEqual({
      Thing: {
        title: 'Thing',
        type: 'object',
        properties: {
          money: { $ref: '#/components/schemas/Money' },
          id: { $ref: '#/components/schemas/Id' },
        },
      },
      Money: { title: 'Money', type: 'object' },
      Id: { type: 'string' },
    });
  });
});
