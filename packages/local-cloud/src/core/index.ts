export type { Activity, Settles } from './activity';
export { arnOf, type ParsedArn, parseArn } from './arn';
export { defaultConfig, LOCAL_ACCOUNT_ID, type LocalCloudConfig } from './config';
export type { LocalCloud } from './context';
export { AwsApiError, type Unsupported } from './errors';
export type * from './ports';
export type { AwsApi, AwsRequest, AwsResponse, LocalRoute } from './protocol';
export type { CreatedResource, ResolvedResource, ResourceProvider } from './resources';
