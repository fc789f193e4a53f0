import { randomBytes } from 'node:crypto';
import type { LocalCloud } from '../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import type { ParameterStoreEngine, ParameterType } from './parameterStore';

/**
 * `AWS::SSM::Parameter` in the local Parameter Store, created synchronously so later resources can resolve
 * `{{resolve:ssm:name}}`. Ref = the name; GetAtt Type, Value. `Policies` are reported (not enforced).
 */
export class SsmParameterProvider implements ResourceProvider {
  readonly types = ['AWS::SSM::Parameter'] as const;

  constructor(private readonly store: ParameterStoreEngine) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const props = resource.properties;
    const name =
      (props.Name as string | undefined) ?? `CFN-${resource.logicalId}-${randomBytes(6).toString('hex')}`;
    const type = props.Type as ParameterType;
    if (type !== 'String' && type !== 'StringList') {
      throw new Error(
        `${resource.logicalId}: AWS::SSM::Parameter Type must be String or StringList, got ${String(type)}`,
      );
    }
    if (props.Policies !== undefined) {
      ctx.report({
        stack: resource.stack,
        logicalId: resource.logicalId,
        type: resource.type,
        property: 'Policies',
        reason: 'parameter policies (expiration, notifications) are not enforced locally',
      });
    }
    this.store.putParameter({
      Name: name,
      Value: String(props.Value ?? ''),
      Type: type,
      Overwrite: true,
      Description: props.Description as string | undefined,
      AllowedPattern: props.AllowedPattern as string | undefined,
      DataType: props.DataType as string | undefined,
      Tier: props.Tier as string | undefined,
    });
    return { ref: name, attributes: { Type: type, Value: String(props.Value ?? '') } };
  }
}
