export {
  DEMO_AUTO_TIERS,
  type DemoGateway,
  type DemoGatewayOptions,
  startDemoGateway,
} from './start-demo-gateway.js';
