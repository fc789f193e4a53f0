import type { ParameterStore } from '../core/ports';
import { conditionEvaluator } from './conditions';
import { pseudoParameter, type StackIdentity } from './pseudo';
import type { ResolveScope } from './scope';
import { resolveError } from './scope';
import type { DeployedResource, Template } from './template';

/** What one stack has so far while it is being deployed. */
export interface StackState {
  name: string;
  identity: StackIdentity;
  template: Template;
  parameters: Map<string, unknown>;
  resources: Map<string, DeployedResource>;
  /** Logical id → the false condition that skipped it. */
  skipped: Map<string, string>;
  /** Exports of the stacks deployed before (and this one's, as its outputs resolve). */
  exports: Map<string, unknown>;
  ssm: ParameterStore;
  /** `{{resolve:secretsmanager:…}}` lookups (the secrets of the stacks deployed so far). */
  secrets?: (reference: string) => string | undefined;
  condition(name: string): boolean;
}

/** Builds the state of a stack about to be deployed, with its conditions evaluated lazily. */
export function newStackState(fields: Omit<StackState, 'condition' | 'resources' | 'skipped'>): StackState {
  const state: StackState = {
    ...fields,
    resources: new Map(),
    skipped: new Map(),
    condition: () => false,
  };
  state.condition = conditionEvaluator(fields.template.Conditions, (name) =>
    stackScope(state, `condition ${name}`),
  );
  return state;
}

/** The scope intrinsic functions resolve in, for one resource or output (`owner`) of a stack. */
export function stackScope(state: StackState, owner: string): ResolveScope {
  const scope: ResolveScope = {
    stack: state.name,
    owner,
    region: state.identity.region,
    ref: (name) => {
      if (state.parameters.has(name)) return state.parameters.get(name);
      const pseudo = pseudoParameter(name, state.identity);
      if (pseudo !== undefined) return pseudo;
      return resourceOf(state, scope, name).ref;
    },
    getAtt: (logicalId, attribute) => {
      const resource = resourceOf(state, scope, logicalId);
      const value = resource.attributes[attribute];
      if (value !== undefined) return value;
      if (resource.handledBy === 'unsupported') return `${resource.ref}.${attribute}`;
      throw resolveError(
        scope,
        [],
        `Fn::GetAtt ${logicalId}.${attribute}: ${resource.type} has no attribute ${attribute} locally`,
      );
    },
    condition: (name) => state.condition(name),
    importValue: (exportName) => {
      if (state.exports.has(exportName)) return state.exports.get(exportName);
      throw resolveError(scope, [], `Fn::ImportValue ${exportName}: no stack deployed before exports it`);
    },
    findInMap: (map, top, second) => {
      const value = state.template.Mappings?.[map]?.[top]?.[second];
      if (value === undefined)
        throw resolveError(scope, [], `Fn::FindInMap: Mappings has no ${map}.${top}.${second}`);
      return value;
    },
    ssmParameter: (name) => state.ssm.get(name),
    secretValue: (reference) => state.secrets?.(reference),
  };
  return scope;
}

function resourceOf(state: StackState, scope: ResolveScope, logicalId: string): DeployedResource {
  const resource = state.resources.get(logicalId);
  if (resource) return resource;
  const skippedBy = state.skipped.get(logicalId);
  if (skippedBy !== undefined) {
    throw resolveError(scope, [], `${logicalId} is not created because its condition ${skippedBy} is false`);
  }
  const known = Object.hasOwn(state.template.Resources, logicalId);
  throw resolveError(
    scope,
    [],
    known ? `${logicalId} is not created yet` : `${logicalId} is not a parameter or resource`,
  );
}
