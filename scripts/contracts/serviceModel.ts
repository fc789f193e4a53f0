import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCfnYaml, resolveVariables } from './cfnYaml';

/** A YAML file of a service: `path` is relative to the repository root. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** What a service declares its infrastructure in: its serverless.yml and its resources/*.yml files. */
export interface ServiceSources {
  readonly service: string;
  readonly serverless?: SourceFile;
  readonly resources: readonly SourceFile[];
}

export type Node = Record<string, unknown>;

/** A CloudFormation resource and the file it is declared in. */
export interface Resource {
  readonly logicalId: string;
  readonly file: string;
  readonly definition: Node;
}

/** A serverless-step-functions state machine: its CloudFormation logical id and name. */
export interface StateMachine {
  readonly logicalId: string;
  readonly name: string;
}

/** A service's infrastructure as far as the catalogue of events needs it, `${file(…)}` includes followed. */
export interface Service {
  readonly name: string;
  /** serverless.yml as parsed, for resolving `${self:…}` variables. */
  readonly file: Node;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly functions: ReadonlyMap<string, Node>;
  readonly stateMachines: readonly StateMachine[];
}

const INCLUDE = /^\$\{file\(([^)]+)\)(?::([\w.]+))?\}$/;

/** Reads serverless.yml and resources/*.yml of every folder under services/, in a stable order. */
export function readServiceSources(root: string): ServiceSources[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  const read = (path: string): SourceFile => ({ path, text: readFileSync(join(root, path), 'utf8') });
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((service) => {
      const serverless = `services/${service}/serverless.yml`;
      const resourcesDir = join(servicesDir, service, 'resources');
      const resources = existsSync(resourcesDir)
        ? readdirSync(resourcesDir)
            .filter((name) => /\.ya?ml$/.test(name))
            .sort()
            .map((name) => read(`services/${service}/resources/${name}`))
        : [];
      return {
        service,
        serverless: existsSync(join(root, serverless)) ? read(serverless) : undefined,
        resources,
      };
    });
}

/**
 * Parses a service's files: resources from serverless.yml's `resources` and from every resources/*.yml, and
 * functions and state machines wherever serverless.yml includes them from.
 */
export function loadService(sources: ServiceSources): Service {
  const parsed = new Map(
    [...(sources.serverless ? [sources.serverless] : []), ...sources.resources].map((file) => [
      file.path,
      asNode(parseCfnYaml(file.text)),
    ]),
  );
  const file = sources.serverless ? (parsed.get(sources.serverless.path) ?? {}) : {};
  const include = (value: unknown) => followIncludes(value, `services/${sources.service}`, parsed);
  const resources = new Map<string, Resource>();
  const add = (path: string, map: unknown) => {
    for (const [logicalId, definition] of Object.entries(asNode(map))) {
      resources.set(logicalId, { logicalId, file: path, definition: asNode(definition) });
    }
  };
  if (sources.serverless) {
    const blocks = Array.isArray(file.resources) ? file.resources : [file.resources];
    for (const block of blocks) add(sources.serverless.path, asNode(block).Resources);
  }
  for (const resourceFile of sources.resources)
    add(resourceFile.path, resourceMap(parsed.get(resourceFile.path)!));
  const functions = new Map(
    Object.entries(mergeMaps(include(file.functions))).map(([k, v]) => [k, asNode(v)]),
  );
  const machines = Object.entries(asNode(asNode(include(file.stepFunctions)).stateMachines));
  const stateMachines = machines.map(([key, definition]) => ({
    logicalId: String(asNode(definition).id ?? `${normalizedName(key)}StepFunctionsStateMachine`),
    name: typeof asNode(definition).name === 'string' ? String(asNode(definition).name) : key,
  }));
  return { name: sources.service, file, resources, functions, stateMachines };
}

/** Replaces `${file(path)}` and `${file(path):key}` with the parsed file (or its key), in arrays too. */
function followIncludes(value: unknown, serviceDir: string, parsed: ReadonlyMap<string, Node>): unknown {
  if (Array.isArray(value)) return value.map((item) => followIncludes(item, serviceDir, parsed));
  const match = typeof value === 'string' ? INCLUDE.exec(value.trim()) : null;
  if (!match) return value;
  let node: unknown = parsed.get(`${serviceDir}/${match[1]!.replace(/^\.\//, '')}`);
  for (const key of match[2]?.split('.') ?? []) node = asNode(node)[key];
  return node;
}

/** `functions:` is a map, or a list of maps (each possibly an included file). */
function mergeMaps(value: unknown): Node {
  return Array.isArray(value) ? Object.assign({}, ...value.map(asNode)) : asNode(value);
}

/** A resources file holds `Resources: {...}`, or is itself the map when included under `Resources`. */
function resourceMap(document: Node): unknown {
  if ('Resources' in document) return document.Resources;
  const values = Object.values(document);
  const allResources = values.length > 0 && values.every((value) => typeof asNode(value).Type === 'string');
  return allResources ? document : {};
}

/** The name a value refers to: a string or `Fn::Sub` with its variables resolved, or a referenced resource. */
export function nameOf(value: unknown, service: Service): string | undefined {
  if (typeof value === 'string') return resolveVariables(value, service.file);
  const sub = asNode(value)['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  if (typeof template === 'string') return resolveVariables(template, service.file);
  const id = referencedId(value);
  if (id === undefined) return undefined;
  const properties = asNode(service.resources.get(id)?.definition.Properties);
  const property = NAME_PROPERTIES.find((key) => key in properties);
  const name = property ? nameOf(properties[property], service) : undefined;
  return name ?? id;
}

const NAME_PROPERTIES = [
  'QueueName',
  'Name',
  'LogGroupName',
  'StateMachineName',
  'TopicName',
  'FunctionName',
];

/** The logical id behind `Ref` or `Fn::GetAtt`. */
export function referencedId(value: unknown): string | undefined {
  const node = asNode(value);
  if (typeof node.Ref === 'string') return node.Ref;
  const getAtt = node['Fn::GetAtt'];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** osls and serverless-step-functions name resources after a capitalised key with `-` and `_` spelled out. */
export function normalizedName(key: string): string {
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}`
    .replaceAll('-', 'Dash')
    .replaceAll('_', 'Underscore');
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asNode(value: unknown): Node {
  return isNode(value) ? value : {};
}
