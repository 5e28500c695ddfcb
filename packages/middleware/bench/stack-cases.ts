import type { ChatRequest } from '@stratum/core';
import { createMockProvider } from '@stratum/testing';

export { fullStack, stackLayers } from './stack-layers.js';

export const mockProvider = createMockProvider({
  responses: {
    text: 'A short answer from the mock provider.',
    usage: { inputTokens: 40, outputTokens: 9 },
  },
});

let counter = 0;
/** A new request each time (a new question number), so every call is a cache miss. */
export function freshRequest(): ChatRequest {
  counter += 1;
  return {
    model: 'mock/bench-model',
    temperature: 0,
    messages: [
      { role: 'system', content: 'You answer in one sentence.' },
      { role: 'user', content: `Question number ${counter}: what is the capital of France?` },
    ],
  };
}
