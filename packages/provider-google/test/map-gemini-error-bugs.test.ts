import { describeErrorMappingContract } from '@stratum/testing/contract';
import { mapGeminiError } from '../src/map-gemini-error.js';

describeErrorMappingContract('google', (error) =>
  mapGeminiError(error, { provider: 'google', model: 'gemini-2.5-flash', secret: undefined }),
);
