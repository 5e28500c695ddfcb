import { describeErrorMappingContract } from '@stratum/testing/contract';
import { mapOpenAIError } from '../src/map-openai-error.js';

describeErrorMappingContract('openai', (error) =>
  mapOpenAIError(error, { provider: 'openai', model: 'gpt-4.1-mini' }),
);
