import { describe } from 'vitest';
import { describeAccountingAndFailuresContract } from './contract-accounting-and-failures.js';
import { describeConversationContract } from './contract-conversation.js';
import { useContractHarness } from './contract-harness.js';
import type { ContractSubject } from './contract-subject.js';
import { describeToolsContract } from './contract-tools.js';

export { describeErrorMappingContract } from './contract-error-mapping.js';
export { CONTRACT_API_KEY } from './contract-harness.js';
export type { ContractSubject } from './contract-subject.js';
export * from './request-summary.js';
export {
  type SimulatorHarness,
  type SimulatorHarnessOptions,
  useSimulatorHarness,
} from './simulator-harness.js';
export { summarizeAnthropicRequest } from './summarize-anthropic-request.js';
export { summarizeBedrockRequest } from './summarize-bedrock-request.js';
export { summarizeCohereRequest } from './summarize-cohere-request.js';
export { summarizeGoogleRequest } from './summarize-google-request.js';
export { summarizeOpenAIRequest } from './summarize-openai-request.js';
export { summarizeOpenAIResponsesRequest } from './summarize-openai-responses-request.js';

/**
 * The contract every Stratum provider passes, run against its vendor simulator through the
 * real vendor SDK: text, streaming, system prompts, multi-turn, tools (parallel, streamed,
 * round trip), JSON schema, images, usage and cost, each error class, abort mid-stream, empty
 * replies, multi-byte text split across chunks, unsupported settings as warnings.
 */
export function runProviderContract(subject: ContractSubject): void {
  describe(`provider contract: ${subject.provider}`, () => {
    const harness = useContractHarness(subject);
    describeConversationContract(subject, harness);
    describeToolsContract(subject, harness);
    describeAccountingAndFailuresContract(subject, harness);
  });
}
