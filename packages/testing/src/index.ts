export {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from './simulator/http-simulator.js';
export * from './simulator/scenario.js';
export * from './simulator/write-helpers.js';
