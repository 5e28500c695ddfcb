export * from './anthropic/index.js';
export * from './google/index.js';
export * from './mock/index.js';
export * from './openai/index.js';
export {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from './simulator/http-simulator.js';
export * from './simulator/scenario.js';
export * from './simulator/write-helpers.js';
