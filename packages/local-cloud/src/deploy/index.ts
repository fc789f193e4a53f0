export { ACCEPTED_TYPES, type AcceptedType, type AcceptMode, deploymentBucketName } from './accepted';
export { conditionEvaluator } from './conditions';
export { CUSTOM_RESOURCE_TYPES, CustomResourceProvider } from './customResources';
export { creationOrder, referencedNames } from './dependencies';
export { type DeploymentResult, deployStacks } from './deployStacks';
export { DependencyCycleError, DeploymentError } from './errors';
export { resolveIntrinsics } from './intrinsics';
export { type LoadComposeOptions, loadComposeStacks, stackNameOf } from './loadComposeStacks';
export { generatedName } from './physical';
export { partitionOf, pseudoParameter, type StackIdentity, stackIdOf } from './pseudo';
export { NO_VALUE, type ResolveScope } from './scope';
export { newStackState, type StackState, stackScope } from './stackScope';
export type {
  DeployedResource,
  DeployedStack,
  Handling,
  StackInput,
  Template,
  TemplateResource,
} from './template';
