import { ConfigurationError, InvalidResponseError } from '../errors/error-classes.js';
import type { ChatResponse } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';

/**
 * The result of `client.stream()`: iterate it for events, or use `textStream` for plain text,
 * or `finalResponse()` for the complete response with usage and cost. The call starts when
 * one of those is first used; it can be consumed once.
 */
export class ChatStream implements AsyncIterable<StreamEvent> {
  #start: () => AsyncIterable<StreamEvent>;
  #started = false;
  #response: ChatResponse | undefined;
  #error: unknown;
  #settled = false;
  #waiters: Array<{ resolve: (response: ChatResponse) => void; reject: (error: unknown) => void }> =
    [];

  constructor(start: () => AsyncIterable<StreamEvent>) {
    this.#start = start;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#started) {
      throw new ConfigurationError(
        'This stream was already consumed. Call client.stream() again for a new call, or keep the events you read.',
      );
    }
    this.#started = true;
    try {
      for await (const event of this.#start()) {
        if (event.type === 'finish') this.#response = event.response;
        yield event;
      }
      if (!this.#response) {
        throw new InvalidResponseError('The stream ended without a finish event.', {
          retryable: true,
        });
      }
      this.#settle(undefined);
    } catch (error) {
      this.#settle(error);
      throw error;
    } finally {
      // A caller that stops iterating early leaves the response unknown.
      if (!this.#settled)
        this.#settle(new ConfigurationError('The stream was closed before it finished.'));
    }
  }

  /** The text deltas only. */
  get textStream(): AsyncIterable<string> {
    const events = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          if (event.type === 'text-delta') yield event.text;
        }
      },
    };
  }

  /** Resolves with the complete response once the stream has finished, consuming it if nobody is. */
  finalResponse(): Promise<ChatResponse> {
    if (this.#settled) {
      return this.#response && this.#error === undefined
        ? Promise.resolve(this.#response)
        : Promise.reject(this.#error);
    }
    const promise = new Promise<ChatResponse>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
    if (!this.#started) {
      void (async () => {
        try {
          for await (const _event of this) {
            // Consumed for the final response.
          }
        } catch {
          // Delivered to the waiters by #settle.
        }
      })();
    }
    return promise;
  }

  #settle(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#error = error;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) {
      if (error === undefined && this.#response) waiter.resolve(this.#response);
      else waiter.reject(error);
    }
  }
}
