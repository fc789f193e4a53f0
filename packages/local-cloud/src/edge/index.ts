export { CloudFrontFunction, FunctionFailedError } from './cloudFrontFunction';
export { apiIdOf, LocalDistribution, type ViewerRequest } from './distribution';
export { EdgeEngine, type EdgeEngineOptions, type ServedDistribution } from './edgeEngine';
export { pathPatternMatcher } from './pathPattern';
export { APP_SCOPES, type RuntimeConfig, runtimeConfig } from './runtimeConfig';
export { WebAclEvaluator } from './waf';
export { ensureWebAppBuilt, WEB_APP_DIR, type WebAppBuildResult } from './webAppBuild';
