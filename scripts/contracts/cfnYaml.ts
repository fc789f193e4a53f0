import { parse, type Tags } from 'yaml';

// CloudFormation short-form tags become their long form (`!GetAtt A.Arn` → `{ "Fn::GetAtt": "A.Arn" }`), so a
// serverless.yml or resources file parses outside osls, as packages/test-kit reads tables.
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

const cfnTags: Tags = [
  ...FUNCTIONS.map((name) => [`!${name}`, `Fn::${name}`] as const),
  ['!Ref', 'Ref'] as const,
  ['!Condition', 'Condition'] as const,
].flatMap(
  ([tag, key]) =>
    (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
      tag,
      collection: nodeClass === 'scalar' ? undefined : nodeClass,
      resolve: (value: unknown) => ({ [key]: value }),
    })) as Tags,
);

/** Parses a serverless.yml or CloudFormation YAML file, keeping intrinsic functions as long-form objects. */
export function parseCfnYaml(text: string): unknown {
  return parse(text, { customTags: cfnTags });
}

const STAGE = '<stage>';
const VARIABLE = /\$\{([^${}]+)\}/g;

/**
 * Resolves the Serverless variables a name is built from, as far as they are known offline: the stage becomes
 * `<stage>`, `self:service` and `self:custom.*` come from the service file; anything else stays as written.
 */
export function resolveVariables(text: string, serviceFile: Record<string, unknown>): string {
  let current = text;
  // Custom values may refer to other custom values; a few rounds resolve any sane chain.
  for (let round = 0; round < 8; round += 1) {
    const next = current.replace(VARIABLE, (whole, expression: string) => {
      const value = variableValue(expression.trim(), serviceFile);
      return value ?? whole;
    });
    if (next === current) return next;
    current = next;
  }
  return current;
}

function variableValue(expression: string, serviceFile: Record<string, unknown>): string | undefined {
  if (
    expression === 'sls:stage' ||
    expression.startsWith('opt:stage') ||
    expression === 'self:provider.stage'
  )
    return STAGE;
  if (!expression.startsWith('self:')) return undefined;
  let node: unknown = serviceFile;
  for (const key of expression.slice('self:'.length).split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined;
}
