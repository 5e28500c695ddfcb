export { type BedrockException, bedrockException, streamExceptionType } from './bedrock-errors.js';
export {
  type BedrockSimulator,
  type BedrockSimulatorOptions,
  createBedrockHandler,
  startBedrockSimulator,
} from './bedrock-simulator.js';
export { checkSigV4, type SigV4Expectation, type SigV4Problem } from './check-sigv4.js';
export { eventFrame, exceptionFrame, malformedFrame } from './event-stream-frames.js';
export {
  type BedrockStreamEvent,
  bedrockStopReason,
  renderBedrockUsage,
  renderConverseResponse,
  renderConverseStreamEvents,
} from './render-bedrock-response.js';
export { type SignatureCredentials, signatureMatches } from './verify-sigv4-signature.js';
