export { CATALOG_PRICE_DATE } from './catalog/catalog-data.js';
export {
  findModelsByName,
  getModel,
  listModels,
  type RegisterModelInput,
  registerModel,
  unregisterModel,
} from './catalog/model-registry.js';
export { ChatStream } from './client/chat-stream.js';
export { type Client, type ClientOptions, createClient } from './client/create-client.js';
export type {
  CallContext,
  ChatNext,
  Middleware,
  ResolvedModel,
  StreamNext,
} from './client/middleware.js';
export { calculateCost } from './cost/calculate-cost.js';
export * from './errors/index.js';
export { nearestIds, type ResolveModelOptions, resolveModel } from './models/resolve-model.js';
export { providerFromPrefix } from './models/vendor-prefixes.js';
export type * from './types/index.js';
export { contentToParts, contentToText, findToolName } from './utils/content.js';
export { parseToolArguments, ToolCallAssembler } from './utils/tool-call-assembler.js';
export { createUsage, type UsageParts } from './utils/usage.js';
