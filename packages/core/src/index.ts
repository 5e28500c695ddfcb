export { CATALOG_PRICE_DATE } from './catalog/catalog-data.js';
export {
  findModelsByName,
  getModel,
  listModels,
  unregisterModel,
} from './catalog/model-registry.js';
export { type RegisterModelInput, registerModel } from './catalog/register-model.js';
export { ChatStream } from './client/chat-stream.js';
export { type Client, type ClientOptions, createClient } from './client/create-client.js';
export type {
  CallContext,
  ChatNext,
  Middleware,
  ResolvedModel,
  StreamNext,
} from './client/middleware.js';
export {
  type CostOptions,
  calculateCost,
  fromPicodollars,
  pricesFor,
  toPicodollars,
  zeroCost,
} from './cost/calculate-cost.js';
export * from './errors/index.js';
export {
  firstPartyProvider,
  nearestIds,
  type ResolveModelOptions,
  resolveModel,
} from './models/resolve-model.js';
export { providerFromPrefix } from './models/vendor-prefixes.js';
export type * from './types/index.js';
export { contentToParts, contentToText, findToolName } from './utils/content.js';
export { type Emit, FusedStream, type StreamStage } from './utils/fused-stream.js';
export { parseToolArguments, ToolCallAssembler } from './utils/tool-call-assembler.js';
export { createUsage, type UsageParts } from './utils/usage.js';
export { validateChatRequest } from './validation/validate-chat-request.js';
