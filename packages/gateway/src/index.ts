export {
  createGateway,
  type GatewayKey,
  type GatewayOptions,
  type ProviderMode,
} from './create-gateway.js';
export { type ErrorReply, errorReply } from './errors/error-reply.js';
export {
  GatewayError,
  type GatewayErrorOptions,
  type OpenAIErrorType,
} from './errors/gateway-error.js';
export { hashGatewayKey } from './keys/gateway-keys.js';
export { callCostPicodollars, type Money, moneyFromPicodollars, moneyFromUsd } from './money.js';
export { type ParsedOpenAIRequest, parseOpenAIRequest } from './openai/parse-openai-request.js';
export {
  type FetchApp,
  type ServedGateway,
  type ServeGatewayOptions,
  serveGateway,
} from './serve/serve-gateway.js';
export {
  createGatewayStack,
  type GatewayStack,
  type GatewayStackOptions,
} from './stack/create-gateway-stack.js';
export type { PlaygroundOptions } from './static/playground-static.js';
export {
  createUpstreamFetch,
  type UpstreamFetch,
  type UpstreamFetchOptions,
} from './upstream/create-upstream-fetch.js';
export { type CallFeed, type CallListener, createCallFeed } from './websocket/call-feed.js';
