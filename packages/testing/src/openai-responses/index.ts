export {
  type ResponsesRenderContext,
  renderOutputItems,
  renderResponse,
  renderResponsesEvents,
  renderResponsesUsage,
} from './render-responses-output.js';
export {
  createOpenAIResponsesHandler,
  startOpenAIResponsesSimulator,
} from './responses-simulator.js';
