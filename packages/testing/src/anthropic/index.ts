export {
  anthropicErrorBody,
  anthropicErrorType,
  anthropicStreamErrorData,
} from './anthropic-errors.js';
export {
  type AnthropicSimulatedReply,
  type AnthropicStopReason,
  anthropicReply,
} from './anthropic-reply.js';
export {
  type AnthropicSimulator,
  type AnthropicSimulatorOptions,
  createAnthropicHandler,
  startAnthropicSimulator,
} from './anthropic-simulator.js';
export {
  type AnthropicEvent,
  renderMessage,
  renderStreamEvents,
  renderUsage,
} from './render-anthropic-message.js';
