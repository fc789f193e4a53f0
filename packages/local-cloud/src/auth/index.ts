export { AuthEngine, type IssuerInfo } from './authEngine';
export { CognitoProvider } from './cognitoProvider';
export { InvalidScopeError, type MintTokenOptions } from './mintToken';
export type { SigningKey } from './signingKey';
export { type AppClient, UnknownIssuerError, type UserPool, UserPoolRegistry } from './userPools';
