import { type AslDefinition, type AslState, forEachState } from './definition';
import { classifyResource } from './integrations';

/** A part of a definition the local engine cannot honour. */
export interface DefinitionFinding {
  /** Where, e.g. `Definition.States.AskModel.Resource`. */
  property: string;
  reason: string;
}

const MAP_FIELDS: Record<string, string> = {
  ItemReader: 'distributed Map item readers (S3) are not supported locally',
  ResultWriter: 'distributed Map result writers (S3) are not supported locally',
  ItemBatcher: 'Map item batching is not supported locally',
  ToleratedFailurePercentage: 'tolerated failure thresholds are not supported; any failed item fails the Map',
  ToleratedFailureCount: 'tolerated failure thresholds are not supported; any failed item fails the Map',
};

const ANY_STATE_FIELDS: Record<string, string> = {
  Assign: 'workflow variables (Assign) are not supported by aws-local-stepfunctions',
  Arguments: 'JSONata Arguments are not supported by aws-local-stepfunctions',
  QueryLanguage: 'JSONata is not supported by aws-local-stepfunctions (JSONPath only)',
};

const TASK_FIELDS: Record<string, string> = {
  HeartbeatSeconds: 'task heartbeats are not enforced locally',
  HeartbeatSecondsPath: 'task heartbeats are not enforced locally',
  Credentials: 'cross-account task credentials are ignored locally',
};

function auditState(name: string, state: AslState): DefinitionFinding[] {
  const at = (field: string) => `Definition.States.${name}.${field}`;
  const present = (fields: Record<string, string>) =>
    Object.keys(fields)
      .filter((field) => state[field] !== undefined || state[`${field}Path`] !== undefined)
      .filter((field) => field !== 'QueryLanguage' || state.QueryLanguage === 'JSONata')
      .map((field) => ({ property: at(field), reason: fields[field]! }));
  const findings = present(ANY_STATE_FIELDS);
  if (state.Type === 'Map') findings.push(...present(MAP_FIELDS));
  if (state.Type === 'Task') {
    findings.push(...present(TASK_FIELDS));
    const target = classifyResource(String(state.Resource));
    if (target.kind === 'unsupported') findings.push({ property: at('Resource'), reason: target.reason });
  }
  return findings;
}

/** Everything in a definition that will not run as on AWS, by state and field. */
export function auditDefinition(definition: AslDefinition): DefinitionFinding[] {
  const findings: DefinitionFinding[] = [];
  if (definition.QueryLanguage === 'JSONata') {
    findings.push({ property: 'Definition.QueryLanguage', reason: ANY_STATE_FIELDS.QueryLanguage! });
  }
  forEachState(definition, (name, state) => findings.push(...auditState(name, state)));
  return findings;
}
