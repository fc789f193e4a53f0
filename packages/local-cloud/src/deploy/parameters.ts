import type { ParameterStore } from '../core/ports';
import { DeploymentError } from './errors';
import type { StackInput } from './template';

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/**
 * The values of a template's Parameters: given values, else Defaults. List types are split on commas and
 * `AWS::SSM::Parameter::Value<…>` parameters read from the local parameter store, as CloudFormation does.
 *
 * @throws DeploymentError for a parameter with neither a value nor a Default, or a missing SSM parameter
 */
export function parameterValues(stack: StackInput, ssm: ParameterStore): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, definition] of Object.entries(stack.template.Parameters ?? {})) {
    const raw = stack.parameters?.[name] ?? definition.Default;
    if (raw === undefined) {
      throw new DeploymentError(
        `stack ${stack.name}: parameter ${name} has no Default and no value was given`,
      );
    }
    let type = definition.Type ?? 'String';
    let value = String(raw);
    const ssmType = SSM_TYPE.exec(type)?.[1];
    if (ssmType !== undefined) {
      const stored = ssm.get(value);
      if (stored === undefined) {
        throw new DeploymentError(
          `stack ${stack.name}: parameter ${name} names SSM parameter ${value}, which does not exist`,
        );
      }
      value = stored;
      type = ssmType;
    }
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    values.set(name, isList ? value.split(',').map((item) => item.trim()) : value);
  }
  return values;
}
