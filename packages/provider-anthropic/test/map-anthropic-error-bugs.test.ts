import { describeErrorMappingContract } from '@stratum/testing/contract';
import { mapAnthropicError } from '../src/map-anthropic-error.js';

describeErrorMappingContract('anthropic', (error) => mapAnthropicError(error, 'claude-sonnet-4-5'));
