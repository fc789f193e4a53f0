export { classify, type RawRequest } from './classify';
export { Gateway, type GatewayOptions } from './gateway';
export { checkAccess, checkAllowedOrigins, type EndpointAccess } from './guard';
export { serializeError, serializeResponse } from './serialize';
