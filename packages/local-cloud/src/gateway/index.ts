export { classify, type RawRequest } from './classify';
export { Gateway, type GatewayOptions } from './gateway';
export { serializeError, serializeResponse } from './serialize';
