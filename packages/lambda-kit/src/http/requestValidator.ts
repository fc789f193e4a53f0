import type { HttpEvent, SchemaError, Validator } from './types';

export interface RequestValidators {
  body?: Validator;
  query?: Validator;
  path?: Validator;
}

/** A validate function over the whole event, in the shape @middy/validator expects of a precompiled ajv one. */
export interface EventValidator {
  (event: HttpEvent): boolean;
  errors: SchemaError[] | null;
}

type Part = 'body' | 'queryStringParameters' | 'pathParameters';

/**
 * The query validator of a route that declares none: it takes no parameters at all, so an unexpected
 * `?anything=` is refused like an unexpected body field (every input is validated).
 */
export const noQueryParameters: Validator<Record<string, never>> = Object.assign(
  (data: unknown): data is Record<string, never> => {
    const unexpected = Object.keys((data ?? {}) as object);
    noQueryParameters.errors = unexpected.length
      ? unexpected.map((name) => ({
          instancePath: '',
          keyword: 'additionalProperties',
          message: 'must NOT have additional properties',
          params: { additionalProperty: name },
        }))
      : null;
    return unexpected.length === 0;
  },
  { errors: null },
);

/**
 * Combines the route's body, query and path validators into one validate function over
 * `{ body, queryStringParameters, pathParameters }`, whose errors carry paths such as `/body/amount/minorUnits`.
 * Absent query and path maps become `{}` on the event, so `required` works and ajv defaults and coercions stick.
 * A route without a query validator accepts no query parameters (`noQueryParameters`).
 *
 * @example
 * middy(handler).use(validator({ eventSchema: requestValidator({ body: validateExpense }) }));
 */
export const requestValidator = (validators: RequestValidators): EventValidator => {
  const parts = (
    [
      ['body', validators.body],
      ['queryStringParameters', validators.query ?? noQueryParameters],
      ['pathParameters', validators.path],
    ] as const
  ).filter((entry): entry is readonly [Part, Validator] => entry[1] !== undefined);

  const validate: EventValidator = Object.assign(
    (event: HttpEvent): boolean => {
      event.queryStringParameters ??= {};
      event.pathParameters ??= {};
      const errors: SchemaError[] = [];
      for (const [part, check] of parts) {
        if (check(event[part])) continue;
        const found = check.errors ?? [{ instancePath: '', message: 'is invalid' }];
        errors.push(...found.map((error) => ({ ...error, instancePath: `/${part}${error.instancePath}` })));
      }
      validate.errors = errors.length > 0 ? errors : null;
      return errors.length === 0;
    },
    { errors: null },
  );
  return validate;
};
