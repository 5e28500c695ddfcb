import type { Provider } from '@stratum/core';
import type { Simulator } from '../simulator/http-simulator.js';
import type { SimulatedReply } from '../simulator/scenario.js';
import type { RequestSummarizer } from './request-summary.js';

/** What a provider package tells the contract suite about itself. */
export interface ContractSubject {
  /** The provider's name, as in model ids. */
  provider: string;
  /** A model id the catalog prices (its prices are used to check cost). */
  model: string;
  startSimulator(): Promise<Simulator>;
  createProvider(simulator: Simulator, settings: { apiKey: string }): Provider;
  /** Reads the vendor's request body into the neutral summary. */
  summarize: RequestSummarizer;
  features: {
    images: boolean;
    /** The vendor reports cache reads in usage. */
    cacheRead: boolean;
    /** The vendor reports cache writes in usage. */
    cacheWrite: boolean;
    /** The vendor reports reasoning tokens in usage. */
    reasoningTokens: boolean;
    /** The vendor returns reasoning text (Anthropic thinking, Gemini thoughts, reasoning_content). */
    reasoningText: boolean;
  };
  /** HTTP statuses and the Stratum error code each maps to, for this vendor. */
  errorStatuses: Array<{ status: number; code: string; retryable: boolean }>;
  /** A setting this vendor does not support, reported as a warning. */
  unsupportedSetting?: { request: Record<string, unknown>; setting: string };
  /** How the simulator must answer for a JSON-schema request (default: the JSON as text). */
  jsonReply?(value: unknown): SimulatedReply;
}
