export { type DeployWebOptions, type DeployWebPorts, deployWeb } from './deployWeb';
export type { Cdn, StackOutputs, Stacks, WebBucket, WebBuild } from './ports';
export { rotateOriginSecret, secretOrigins, withOriginSecret } from './rotateOriginSecret';
export { WEB_SCOPES, type WebConfig, webConfig } from './webConfig';
export { cacheControlOf, contentTypeOf, planWebDeploy, type WebDeployPlan } from './webPlan';
