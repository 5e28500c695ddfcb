import type {
  CacheControlEphemeral,
  ThinkingConfigParam,
} from '@anthropic-ai/sdk/resources/messages';
import { InvalidRequestError, type ProviderOptions } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

/**
 * A prompt-cache breakpoint: `true` for the default 5-minute cache, or the API's own object
 * (https://platform.claude.com/docs/en/build-with-claude/prompt-caching).
 */
export type AnthropicCacheControl = true | { type: 'ephemeral'; ttl?: '5m' | '1h' };

/** What `providerOptions.anthropic` may hold on a request, a message or a content part. */
export interface AnthropicProviderOptions {
  /**
   * On a message or part: a cache breakpoint after it. On the request: Anthropic's automatic
   * caching (top-level `cache_control`), which marks the last cacheable block.
   */
  cacheControl?: AnthropicCacheControl;
  /** Request only: a breakpoint after the system prompt. */
  cacheSystemPrompt?: boolean;
  /** Request only: a breakpoint after the last tool definition. */
  cacheTools?: boolean;
  /** Request only: the `thinking` object sent as-is, e.g. `{ type: 'adaptive' }`. */
  thinking?: ThinkingConfigParam;
  /** Request only: `output_config.effort`. */
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** Request only: how JSON-schema output is obtained; defaults from the catalog's `structuredOutput`. */
  structuredOutputs?: 'native' | 'tool';
}

/** The `anthropic` entry of a `providerOptions`, or an empty object. */
export function anthropicOptionsOf(options: ProviderOptions | undefined): Record<string, unknown> {
  const entry = options?.['anthropic'];
  return isRecord(entry) ? entry : {};
}

/** Reads a `cacheControl` value; `where` names its place for the error message. */
export function parseCacheControl(
  value: unknown,
  where: string,
): CacheControlEphemeral | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { type: 'ephemeral' };
  if (isRecord(value) && value['type'] === 'ephemeral') {
    const ttl = value['ttl'];
    if (ttl === undefined) return { type: 'ephemeral' };
    if (ttl === '5m' || ttl === '1h') return { type: 'ephemeral', ttl };
  }
  throw new InvalidRequestError(
    `providerOptions.anthropic.cacheControl on ${where} must be true or { type: 'ephemeral', ttl?: '5m' | '1h' }, got ${JSON.stringify(value)}.`,
    { provider: 'anthropic' },
  );
}

/** A boolean switch from the request's options, else the provider setting. */
export function readSwitch(
  options: Record<string, unknown>,
  name: 'cacheSystemPrompt' | 'cacheTools',
  fallback: boolean | undefined,
): boolean {
  const value = options[name];
  if (value === undefined) return fallback ?? false;
  if (typeof value === 'boolean') return value;
  throw new InvalidRequestError(
    `providerOptions.anthropic.${name} must be a boolean, got ${JSON.stringify(value)}.`,
    { provider: 'anthropic' },
  );
}

const EFFORTS = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

export function readEffort(options: Record<string, unknown>): AnthropicProviderOptions['effort'] {
  const value = options['effort'];
  if (value === undefined) return undefined;
  if (
    value === 'low' ||
    value === 'medium' ||
    value === 'high' ||
    value === 'xhigh' ||
    value === 'max'
  ) {
    return value;
  }
  throw new InvalidRequestError(
    `providerOptions.anthropic.effort must be one of ${[...EFFORTS].join(', ')}, got ${JSON.stringify(value)}.`,
    { provider: 'anthropic' },
  );
}

export function readStructuredOutputs(
  options: Record<string, unknown>,
): AnthropicProviderOptions['structuredOutputs'] {
  const value = options['structuredOutputs'];
  if (value === undefined || value === 'native' || value === 'tool') return value;
  throw new InvalidRequestError(
    `providerOptions.anthropic.structuredOutputs must be 'native' or 'tool', got ${JSON.stringify(value)}.`,
    { provider: 'anthropic' },
  );
}

/** The thinking override, checked only for its shape: the API validates the rest. */
export function readThinking(options: Record<string, unknown>): ThinkingConfigParam | undefined {
  const value = options['thinking'];
  if (value === undefined) return undefined;
  if (isRecord(value)) {
    const display = readDisplay(value['display']);
    const shown = display ? { display } : {};
    switch (value['type']) {
      case 'enabled':
        if (typeof value['budget_tokens'] === 'number') {
          return { type: 'enabled', budget_tokens: value['budget_tokens'], ...shown };
        }
        break;
      case 'adaptive':
        return { type: 'adaptive', ...shown };
      case 'disabled':
        return { type: 'disabled' };
      case 'between_tools':
        return { type: 'between_tools' };
    }
  }
  throw new InvalidRequestError(
    `providerOptions.anthropic.thinking must be { type: 'enabled', budget_tokens }, { type: 'adaptive' }, { type: 'disabled' } or { type: 'between_tools' }, got ${JSON.stringify(value)}.`,
    { provider: 'anthropic' },
  );
}

function readDisplay(value: unknown): 'summarized' | 'omitted' | undefined {
  return value === 'summarized' || value === 'omitted' ? value : undefined;
}
