import type { Content, GenerateContentConfig, SafetySetting, ThinkingConfig } from '@google/genai';
import type { ProviderRequest, Warning } from '@stratum/core';
import { isRecord, unsupportedSetting } from '@stratum/core/provider-kit';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';
import { mapGeminiThinkingConfig } from './map-gemini-thinking-config.js';
import { prepareGeminiTools } from './prepare-gemini-tools.js';
import type { ThoughtSignatureStore } from './thought-signature-store.js';

/**
 * Options under `providerOptions.google` (https://ai.google.dev/api/generate-content#generationconfig):
 * `safetySettings`, `cachedContent` (an explicit cache's name), `topK`, `presencePenalty`,
 * `frequencyPenalty`, `responseModalities`, `labels`, `thinkingConfig` (merged over the one
 * built from `reasoning`), and `jsonSchema: true` to send tool and response schemas unchanged
 * (`parametersJsonSchema` / `responseJsonSchema`) instead of converting them.
 */
export interface GoogleProviderOptions {
  safetySettings?: SafetySetting[];
  cachedContent?: string;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseModalities?: string[];
  labels?: Record<string, string>;
  thinkingConfig?: ThinkingConfig;
  jsonSchema?: boolean;
}

export interface PreparedGeminiRequest {
  contents: Content[];
  config: GenerateContentConfig;
  warnings: Warning[];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isSafetySettings(value: unknown): value is SafetySetting[] {
  return Array.isArray(value) && value.every(isRecord);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}

function isThinkingConfig(value: unknown): value is ThinkingConfig {
  return (
    isRecord(value) &&
    (value['includeThoughts'] === undefined || typeof value['includeThoughts'] === 'boolean') &&
    (value['thinkingBudget'] === undefined || typeof value['thinkingBudget'] === 'number') &&
    (value['thinkingLevel'] === undefined || typeof value['thinkingLevel'] === 'string')
  );
}

/** Reads `providerOptions.google`, warning about keys it does not know or cannot use. */
function readProviderOptions(
  options: Record<string, unknown> | undefined,
  warnings: Warning[],
): GoogleProviderOptions {
  const read: GoogleProviderOptions = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    let accepted = true;
    if (key === 'safetySettings' && isSafetySettings(value)) read.safetySettings = value;
    else if (key === 'cachedContent' && typeof value === 'string') read.cachedContent = value;
    else if (key === 'topK' && typeof value === 'number') read.topK = value;
    else if (key === 'presencePenalty' && typeof value === 'number') read.presencePenalty = value;
    else if (key === 'frequencyPenalty' && typeof value === 'number') read.frequencyPenalty = value;
    else if (key === 'responseModalities' && isStringArray(value)) read.responseModalities = value;
    else if (key === 'labels' && isStringRecord(value)) read.labels = value;
    else if (key === 'thinkingConfig' && isThinkingConfig(value)) read.thinkingConfig = value;
    else if (key === 'jsonSchema' && typeof value === 'boolean') read.jsonSchema = value;
    else accepted = false;
    if (!accepted) {
      warnings.push(
        unsupportedSetting(
          `providerOptions.google.${key}`,
          `providerOptions.google.${key} is not an option the Google provider knows (or its value has the wrong type), so it was ignored. Known: safetySettings, cachedContent, topK, presencePenalty, frequencyPenalty, responseModalities, labels, thinkingConfig, jsonSchema.`,
        ),
      );
    }
  }
  return read;
}

/** A Stratum request → the `contents` and `config` of `ai.models.generateContent`. */
export function prepareGeminiRequest(
  request: ProviderRequest,
  signatures: ThoughtSignatureStore,
): PreparedGeminiRequest {
  const warnings: Warning[] = [];
  const google = readProviderOptions(request.providerOptions?.['google'], warnings);
  const prompt = convertToGeminiContents(request.messages, { model: request.model, signatures });
  warnings.push(...prompt.warnings);

  const config: GenerateContentConfig = {
    // Stratum owns retries and tool execution: no hidden follow-up requests.
    automaticFunctionCalling: { disable: true },
    automaticContinuation: false,
  };
  if (prompt.systemInstruction) config.systemInstruction = prompt.systemInstruction;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.seed !== undefined) config.seed = request.seed;
  if (google.topK !== undefined) config.topK = google.topK;
  if (google.presencePenalty !== undefined) config.presencePenalty = google.presencePenalty;
  if (google.frequencyPenalty !== undefined) config.frequencyPenalty = google.frequencyPenalty;
  if (google.safetySettings) config.safetySettings = google.safetySettings;
  if (google.cachedContent) config.cachedContent = google.cachedContent;
  if (google.responseModalities) config.responseModalities = google.responseModalities;
  if (google.labels) config.labels = google.labels;

  if (request.parallelToolCalls !== undefined) {
    warnings.push(
      unsupportedSetting(
        'parallelToolCalls',
        'Gemini has no switch for parallel function calls; parallelToolCalls was ignored.',
      ),
    );
  }

  const passJsonSchema = google.jsonSchema === true;
  const tools = prepareGeminiTools(request.tools, request.toolChoice, { passJsonSchema });
  warnings.push(...tools.warnings);
  if (tools.tools) config.tools = tools.tools;
  if (tools.toolConfig) config.toolConfig = tools.toolConfig;

  const format = request.responseFormat;
  if (format?.type === 'json') config.responseMimeType = 'application/json';
  if (format?.type === 'json-schema') {
    config.responseMimeType = 'application/json';
    if (passJsonSchema) config.responseJsonSchema = format.schema;
    else {
      const { schema, notes } = convertToGeminiSchema(format.schema, 'responseFormat');
      if (schema) config.responseSchema = schema;
      if (notes.length > 0) {
        warnings.push(
          unsupportedSetting(
            'responseFormat.schema',
            `Gemini response schemas are a subset of JSON Schema: ${notes.join('; ')}. Set providerOptions.google.jsonSchema to send the schema unchanged as responseJsonSchema.`,
          ),
        );
      }
    }
  }

  const thinking = mapGeminiThinkingConfig(request.reasoning, request.model, request.modelInfo);
  warnings.push(...thinking.warnings);
  if (thinking.thinkingConfig || google.thinkingConfig) {
    config.thinkingConfig = { ...thinking.thinkingConfig, ...google.thinkingConfig };
  }

  return { contents: prompt.contents, config, warnings };
}
