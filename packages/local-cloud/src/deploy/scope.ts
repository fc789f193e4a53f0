import { DeploymentError } from './errors';

/** What `{ "Ref": "AWS::NoValue" }` resolves to until the walk removes the property or list element holding it. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Everything an intrinsic function can look at while one value of one stack is resolved. Lookups throw a
 * DeploymentError (through `fail`) when a name is unknown, as CloudFormation rejects the template.
 */
export interface ResolveScope {
  /** Stack (compose service) name, for messages. */
  readonly stack: string;
  /** What is being resolved, for messages: `resource HttpApi`, `output HttpApiUrl`, `condition IsProd`. */
  readonly owner: string;
  readonly region: string;
  /** Parameters, pseudo parameters and resources (`AWS::NoValue` gives NO_VALUE). */
  ref(name: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  condition(name: string): boolean;
  importValue(exportName: string): unknown;
  findInMap(mapName: string, topKey: string, secondKey: string): unknown;
  /** Current value of an SSM parameter, for `{{resolve:ssm:…}}`; undefined when it does not exist. */
  ssmParameter(name: string): string | undefined;
  /** Value of `{{resolve:secretsmanager:<reference>}}`; undefined when no secret of the templates matches. */
  secretValue?(reference: string): string | undefined;
}

/** A property path such as `JwtConfiguration.Audience[0]`. */
export type PropertyPath = readonly (string | number)[];

export function formatPath(path: PropertyPath): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  );
}

/** The DeploymentError for a value that cannot be resolved, naming stack, owner and property. */
export function resolveError(scope: ResolveScope, path: PropertyPath, message: string): DeploymentError {
  const where = path.length > 0 ? `${scope.owner}, property ${formatPath(path)}` : scope.owner;
  return new DeploymentError(`stack ${scope.stack}: ${where}: ${message}`);
}
