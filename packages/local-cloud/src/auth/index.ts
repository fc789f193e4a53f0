export { AuthEngine, type IssuerInfo } from './authEngine';
export { CognitoProvider } from './cognitoProvider';
export type { IssuerBrowserAccess } from './issuerRoutes';
export { InvalidScopeError, type MintTokenOptions } from './mintToken';
export { isOriginOf, matchesRegisteredUri } from './redirectUris';
export type { SigningKey } from './signingKey';
export { type AppClient, UnknownIssuerError, type UserPool, UserPoolRegistry } from './userPools';
