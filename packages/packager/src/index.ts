export {
  COMPOSE_FILE,
  type ComposeService,
  dependencyLevels,
  readCompose,
  topologicalOrder,
} from './compose';
export { ComposeError, PackagingError, PackagingFailedError, TemplateNotFoundError } from './errors';
export { fingerprintFiles, fingerprintService } from './fingerprint';
export {
  type CheckOptions,
  checkBackupCoverage,
  checkTemplate,
  type PackagedTemplate,
  RULES,
  type RuleId,
  type Violation,
} from './invariants';
export { offlineEnv, resolveOsls } from './osls';
export { HASH_FILE, type PackageResult, packageService } from './packageService';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_REGION,
  type PackageServicesOptions,
  packageServices,
} from './packageServices';
export { consoleProgress, formatProgress, type ProgressEvent } from './progress';
export { type CfnResource, type CfnTemplate, countFunctions, loadTemplate, templatePath } from './template';
