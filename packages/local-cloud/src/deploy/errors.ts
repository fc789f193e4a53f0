/** A template cannot be deployed locally, for a reason CloudFormation would also fail on (or one it cannot emulate). */
export class DeploymentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeploymentError';
  }
}

/** Resources of one stack reference each other in a circle (Ref / Fn::GetAtt / Fn::Sub / DependsOn). */
export class DependencyCycleError extends DeploymentError {
  constructor(
    readonly stackName: string,
    readonly logicalIds: string[],
  ) {
    super(`stack ${stackName}: circular dependency between resources ${logicalIds.join(', ')}`);
    this.name = 'DependencyCycleError';
  }
}
