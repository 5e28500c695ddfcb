import { calculateCost, StratumError } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { CONTRACT_API_KEY, type ContractHarness } from './contract-harness.js';
import type { ContractSubject } from './contract-subject.js';

export function describeAccountingAndFailuresContract(
  subject: ContractSubject,
  harness: ContractHarness,
): void {
  const model = subject.model;
  const { features } = subject;

  describe('usage and cost', () => {
    const usage = {
      inputTokens: 12_000,
      cacheReadTokens: features.cacheRead ? 8_000 : 0,
      cacheWriteTokens: features.cacheWrite ? 2_000 : 0,
      outputTokens: 900,
      reasoningTokens: features.reasoningTokens ? 400 : 0,
    };

    for (const mode of ['chat', 'stream'] as const) {
      it(`maps usage and prices it from the catalog (${mode})`, async () => {
        harness.simulator.enqueue({
          kind: 'reply',
          reply: {
            text: 'Counted.',
            ...(features.reasoningText ? { reasoning: 'Let me count.' } : {}),
            usage,
          },
        });
        const request = { model, messages: [{ role: 'user' as const, content: 'Count tokens' }] };
        const response =
          mode === 'chat'
            ? await harness.client.chat(request)
            : await harness.client.stream(request).finalResponse();
        expect(response.usage).toEqual({
          ...usage,
          totalTokens: usage.inputTokens + usage.outputTokens,
        });
        const resolved = harness.client.resolveModel(model);
        expect(
          resolved.info?.pricing,
          `${model} must have a catalog price for this test`,
        ).toBeDefined();
        const expected = calculateCost(resolved.info!, response.usage);
        expect(response.cost).toEqual(expected);
        const pricing = resolved.info!.pricing!;
        // Independent arithmetic, in dollars per token, for the parts every vendor shares.
        const uncached = usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens;
        expect(response.cost?.input).toBeCloseTo((uncached * pricing.input) / 1e6, 12);
        expect(response.cost?.cacheRead).toBeCloseTo(
          (usage.cacheReadTokens * (pricing.cacheRead ?? pricing.input)) / 1e6,
          12,
        );
        expect(response.cost?.total).toBeGreaterThan(0);
        if (features.reasoningText) expect(response.reasoning).toBe('Let me count.');
      });
    }
  });

  describe('errors', () => {
    for (const { status, code, retryable } of subject.errorStatuses) {
      it(`maps HTTP ${status} to a ${code} error`, async () => {
        harness.simulator.enqueue({ kind: 'error', status });
        const error = await harness.client
          .chat({ model, messages: [{ role: 'user', content: 'fail' }] })
          .catch((caught: unknown) => caught);
        expect(StratumError.is(error)).toBe(true);
        if (!StratumError.is(error)) return;
        expect(error.code).toBe(code);
        expect(error.status).toBe(status);
        expect(error.provider).toBe(subject.provider);
        expect(error.retryable).toBe(retryable);
        expect(error.message).not.toContain(CONTRACT_API_KEY);
        // The vendor SDK's own retries are off: one failing call is one request.
        expect(harness.simulator.requests).toHaveLength(1);
      });
    }

    it('aborts mid-stream and closes the HTTP request', async () => {
      harness.simulator.enqueue({
        kind: 'reply',
        reply: { text: 'word '.repeat(200) },
        chunkSize: 5,
        chunkDelayMs: 15,
      });
      const controller = new AbortController();
      const aborted = harness.simulator.waitForAbort();
      const stream = harness.client.stream({
        model,
        messages: [{ role: 'user', content: 'Talk' }],
        signal: controller.signal,
      });
      let deltas = 0;
      const error = await (async () => {
        for await (const event of stream) {
          if (event.type === 'text-delta') {
            deltas += 1;
            if (deltas === 2) controller.abort();
          }
        }
      })().catch((caught: unknown) => caught);
      expect(StratumError.is(error) && error.code).toBe('abort');
      expect(deltas).toBeLessThan(10);
      await aborted;
      expect(harness.simulator.abortedConnections).toBe(1);
    });

    it('fails with a typed, retryable error when the stream is cut', async () => {
      harness.simulator.enqueue({
        kind: 'disconnect',
        reply: { text: 'a b c d e f g h' },
        afterChunks: 2,
      });
      const error = await harness.client
        .stream({ model, messages: [{ role: 'user', content: 'Talk' }] })
        .finalResponse()
        .catch((caught: unknown) => caught);
      expect(StratumError.is(error)).toBe(true);
      expect(StratumError.is(error) && error.retryable).toBe(true);
    });
  });
}
