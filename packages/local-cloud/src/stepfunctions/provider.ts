import { randomBytes } from 'node:crypto';
import { iamEvaluated, type LocalCloud } from '../core/context';
import { resourceReporter } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { auditDefinition } from './audit';
import { definitionFromProperties, InvalidDefinitionError } from './definition';
import type { StepFunctionsEngine } from './engine';
import { loggingFromProperties } from './logging';
import type { StateMachineType } from './types';

/** Properties that are accepted but not honoured, with the reason printed at start-up. */
const NOT_HONOURED: Record<string, (value: unknown) => string | undefined> = {
  TracingConfiguration: (value) =>
    (value as { Enabled?: boolean }).Enabled ? 'X-Ray tracing is not emulated locally' : undefined,
  EncryptionConfiguration: (value) =>
    (value as { Type?: string }).Type === 'CUSTOMER_MANAGED_KMS_KEY'
      ? 'KMS encryption of execution data is not emulated locally'
      : undefined,
};

/** CloudFormation's generated name: `<LogicalId>-<12 random characters>`. */
const generatedName = (logicalId: string) =>
  `${logicalId}-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12)}`;

/**
 * `AWS::StepFunctions::StateMachine` on the local engine. Ref = the state machine ARN; GetAtt Arn, Name,
 * StateMachineRevisionId. LoggingConfiguration is honoured (events go to the log groups through ctx.logs).
 */
export class StateMachineProvider implements ResourceProvider {
  readonly types = ['AWS::StepFunctions::StateMachine'] as const;

  constructor(private readonly engine: StepFunctionsEngine) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const props = resource.properties;
    const report = resourceReporter(ctx, resource);
    if (
      props.DefinitionS3Location !== undefined &&
      props.DefinitionString === undefined &&
      !props.Definition
    ) {
      report('DefinitionS3Location', 'definitions in S3 cannot be read locally');
      throw new InvalidDefinitionError(
        `${resource.logicalId}: DefinitionS3Location is not supported locally`,
      );
    }
    if (props.RoleArn !== undefined && !iamEvaluated(ctx))
      report('RoleArn', 'IAM is off (--iam off): the role is recorded but its permissions are not checked');
    for (const [property, reasonFor] of Object.entries(NOT_HONOURED)) {
      const reason = props[property] === undefined ? undefined : reasonFor(props[property]);
      if (reason) report(property, reason);
    }
    const definition = definitionFromProperties(props);
    for (const finding of auditDefinition(definition)) report(finding.property, finding.reason);
    const record = this.engine.deploy({
      name: (props.StateMachineName as string | undefined) ?? generatedName(resource.logicalId),
      type: (props.StateMachineType as StateMachineType | undefined) ?? 'STANDARD',
      definition,
      roleArn: props.RoleArn as string | undefined,
      logging: loggingFromProperties(props.LoggingConfiguration),
      tracingEnabled: Boolean((props.TracingConfiguration as { Enabled?: boolean } | undefined)?.Enabled),
    });
    ctx.log(
      `states: ${record.name} (${record.type}) deployed, waits and retries at x${this.engine.timeScale}`,
    );
    return {
      ref: record.stateMachineArn,
      attributes: {
        Arn: record.stateMachineArn,
        Name: record.name,
        StateMachineRevisionId: record.stateMachineArn,
      },
    };
  }
}
