export { ApiGatewayProvider, functionRefOf, UnknownApiError } from './apiGatewayProvider';
export { ApiHandler, type HandledRequest, type RequestTiming } from './apiHandler';
export { claimsAsStrings, tokenScopes } from './claims';
export { buildEvent, isTextBody } from './event';
export {
  HttpApiEngine,
  type HttpApiEngineOptions,
  type ServedApi,
} from './httpApiEngine';
export { authorizeJwt, type IssuerKeys, type JwtDecision } from './jwtAuthorizer';
export { type ApiDef, DEFAULT_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from './model';
export type { ApiRequest } from './request';
export { type ApiResponse, MalformedResponseError, responseOf } from './response';
export { RouteMatcher } from './routeMatcher';
export type { OverheadStats } from './timingLog';
