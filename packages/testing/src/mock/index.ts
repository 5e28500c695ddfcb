export {
  createMockProvider,
  type MockCall,
  type MockProvider,
  type MockProviderOptions,
  type MockResponder,
} from './mock-provider.js';
export type {
  MockFailure,
  MockHttpFailure,
  MockReply,
  MockResponse,
  MockToolCall,
} from './mock-response.js';
