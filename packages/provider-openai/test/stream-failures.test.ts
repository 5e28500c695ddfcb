import {
  AbortError,
  InvalidResponseError,
  ProviderUnavailableError,
  StratumError,
  TimeoutError,
} from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();
const ask = { model: 'openai/gpt-4.1-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
const longReply = { text: 'one two three four five six seven eight nine ten eleven twelve' };

async function failureOf(run: () => Promise<unknown>): Promise<StratumError> {
  try {
    await run();
  } catch (error) {
    if (StratumError.is(error)) return error;
    throw new Error(`expected a StratumError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

describe('openai stream failures', () => {
  it('aborting mid-stream closes the HTTP connection and ends with an AbortError', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: longReply, chunkDelayMs: 40 });
    const controller = new AbortController();
    const received: string[] = [];
    const aborted = setup.simulator.waitForAbort();
    const error = await failureOf(async () => {
      for await (const piece of setup.client.stream({ ...ask, signal: controller.signal })
        .textStream) {
        received.push(piece);
        if (received.length === 2) controller.abort();
      }
    });
    expect(error).toBeInstanceOf(AbortError);
    await aborted;
    expect(setup.simulator.abortedConnections).toBe(1);
    expect(received).toEqual(['one ', 'two ']);
  });

  it('aborting a non-streamed call closes the connection', async () => {
    setup.simulator.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const aborted = setup.simulator.waitForAbort();
    const call = setup.client.chat({ ...ask, signal: controller.signal });
    // Abort once the request is at the simulator: a fixed delay can fire before it gets there.
    await setup.simulator.waitForRequest();
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortError);
    await aborted;
  });

  it('timeoutMs ends a hanging stream with a TimeoutError and closes the connection', async () => {
    setup.simulator.enqueue({ kind: 'hang' });
    const aborted = setup.simulator.waitForAbort();
    const error = await failureOf(() =>
      setup.client.stream({ ...ask, timeoutMs: 1_000 }).finalResponse(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    await aborted;
  });

  it('stopping iteration early closes the connection', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: longReply, chunkDelayMs: 30 });
    const aborted = setup.simulator.waitForAbort();
    for await (const event of setup.client.stream(ask)) {
      if (event.type === 'text-delta') break;
    }
    await aborted;
    expect(setup.simulator.abortedConnections).toBe(1);
  });

  it('a malformed chunk fails with a clear InvalidResponseError instead of hanging', {
    timeout: 5_000,
  }, async () => {
    setup.simulator.enqueue({ kind: 'malformed-chunk', reply: longReply, afterChunks: 3 });
    const received: string[] = [];
    const error = await failureOf(async () => {
      for await (const piece of setup.client.stream(ask).textStream) received.push(piece);
    });
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.retryable).toBe(true);
    // The role chunk, then 'one ' and 'two ' arrived before the broken chunk.
    expect(received).toEqual(['one ', 'two ']);
  });

  it('a malformed non-streamed body fails with InvalidResponseError', async () => {
    setup.simulator.enqueue({ kind: 'malformed-chunk', reply: longReply, afterChunks: 0 });
    const error = await failureOf(() => setup.client.chat(ask));
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it('a connection cut mid-stream fails with a retryable error', { timeout: 5_000 }, async () => {
    setup.simulator.enqueue({ kind: 'disconnect', reply: longReply, afterChunks: 4 });
    const received: string[] = [];
    const error = await failureOf(async () => {
      for await (const piece of setup.client.stream(ask).textStream) received.push(piece);
    });
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.retryable).toBe(true);
    expect(received).toEqual(['one ', 'two ', 'three ']);
  });

  it('a connection cut before any answer fails with ProviderUnavailableError', async () => {
    setup.simulator.enqueue({ kind: 'disconnect', reply: longReply, afterChunks: 0 });
    const error = await failureOf(() => setup.client.chat(ask));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
  });
});
