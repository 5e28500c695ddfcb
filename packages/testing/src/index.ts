export * from './simulator/scenario.js';
export { startHttpSimulator, type Exchange, type Simulator, type VendorHandler } from './simulator/http-simulator.js';
export * from './simulator/write-helpers.js';
export * from './mock/index.js';
export * from './openai/index.js';
export * from './anthropic/index.js';
export * from './google/index.js';
