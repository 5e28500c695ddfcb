import { outputTokensFor } from './estimate-cost.js';
import type { HealthSnapshot } from './health-snapshot.js';
import type { Candidate } from './prepare-route.js';
import type { RequestProfile } from './request-profile.js';
import type { DroppedCandidate, RouteOptions } from './router-types.js';

export interface FilterSettings {
  minSuccessRate: number;
  minCalls: number;
}

/**
 * Why a candidate cannot serve the request, or `undefined` when it can. Checks run cheapest first and
 * the first failing one is reported. A model the catalog does not know passes the capability
 * checks (nothing says it lacks them) but fails price caps, whose cost cannot be bounded.
 */
export function dropReason(
  candidate: Candidate,
  estimatedCostUsd: number | undefined,
  profile: RequestProfile,
  route: RouteOptions,
  health: HealthSnapshot | undefined,
  settings: FilterSettings,
): DroppedCandidate | undefined {
  const { model, info, provider } = candidate;
  if (route.allowProviders && !route.allowProviders.includes(provider)) {
    return drop(model, 'provider-not-allowed', `provider ${provider} is not in allowProviders`);
  }
  if (route.excludeProviders?.includes(provider)) {
    return drop(model, 'provider-excluded', `provider ${provider} is in excludeProviders`);
  }
  const capabilities = info?.capabilities;
  if (capabilities) {
    if (profile.needsTools && !capabilities.tools) {
      return drop(
        model,
        'no-tool-calling',
        'the request has tools and the model has no tool calling',
      );
    }
    if (profile.needsVision && !capabilities.vision) {
      return drop(model, 'no-vision', 'the request has images and the model has no vision input');
    }
    if (profile.needsStructuredOutput && !capabilities.structuredOutput) {
      return drop(
        model,
        'no-structured-output',
        'the request asks for a JSON schema the model cannot enforce',
      );
    }
    if (profile.needsJsonOutput && !capabilities.jsonOutput && !capabilities.structuredOutput) {
      return drop(
        model,
        'no-json-output',
        'the request asks for JSON output the model has no mode for',
      );
    }
    if (profile.needsReasoning && !capabilities.reasoning) {
      return drop(
        model,
        'no-reasoning',
        'the request sets reasoning and the model does not reason',
      );
    }
    if (profile.needsPdf && !capabilities.pdfInput) {
      return drop(model, 'no-pdf-input', 'the request has a PDF and the model takes no PDF input');
    }
  }
  const outputTokens = outputTokensFor(info, profile.requestedOutputTokens);
  const needed = profile.estimatedPromptTokens + (profile.requestedOutputTokens ?? 0);
  if (info?.contextWindow !== undefined && needed > info.contextWindow) {
    return drop(
      model,
      'context-window',
      `about ${needed} tokens (prompt ${profile.estimatedPromptTokens} + output ${profile.requestedOutputTokens ?? 0}) exceed the ${info.contextWindow}-token context window`,
    );
  }
  const pricing = info?.pricing;
  if (route.maxInputPrice !== undefined || route.maxOutputPrice !== undefined) {
    if (!pricing && !info?.local) return drop(model, 'price-cap', 'the price is unknown');
    const input = pricing?.input ?? 0;
    const output = pricing?.output ?? 0;
    if (route.maxInputPrice !== undefined && input > route.maxInputPrice) {
      return drop(
        model,
        'price-cap',
        `input price $${input}/M exceeds maxInputPrice $${route.maxInputPrice}/M`,
      );
    }
    if (route.maxOutputPrice !== undefined && output > route.maxOutputPrice) {
      return drop(
        model,
        'price-cap',
        `output price $${output}/M exceeds maxOutputPrice $${route.maxOutputPrice}/M`,
      );
    }
  }
  if (route.maxCostPerCall !== undefined) {
    const cost = estimatedCostUsd;
    if (cost === undefined) return drop(model, 'max-cost-per-call', 'the price is unknown');
    if (cost > route.maxCostPerCall) {
      return drop(
        model,
        'max-cost-per-call',
        `worst case $${cost.toPrecision(3)} (${profile.estimatedPromptTokens} prompt + ${outputTokens} output tokens) exceeds maxCostPerCall $${route.maxCostPerCall}`,
      );
    }
  }
  if (health) {
    const providerEntry = health.providers[provider];
    if (providerEntry?.breakerState === 'open') {
      return drop(model, 'circuit-open', `the circuit breaker of provider ${provider} is open`);
    }
    const entry = health.models[model];
    if (entry?.breakerState === 'open') {
      return drop(model, 'circuit-open', 'the circuit breaker of the model is open');
    }
    if (entry && entry.calls >= settings.minCalls && entry.successRate < settings.minSuccessRate) {
      return drop(
        model,
        'unhealthy',
        `success rate ${(entry.successRate * 100).toFixed(0)}% over ${entry.calls} calls is below ${(settings.minSuccessRate * 100).toFixed(0)}%`,
      );
    }
  }
  return undefined;
}

// Module-level, so the common case (nothing dropped) allocates nothing per candidate.
function drop(model: string, reason: DroppedCandidate['reason'], detail: string): DroppedCandidate {
  return { model, reason, detail };
}
