import { AbortError, ConfigurationError, InvalidResponseError } from '../errors/error-classes.js';
import type { ChatResponse } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';
import { FusedStream, type StreamStage } from '../utils/fused-stream.js';

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

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    return this.#open();
  }

  /** The text deltas only. */
  get textStream(): AsyncIterable<string> {
    return this.#open().pipe<string>({
      item(event, emit) {
        if (event.type === 'text-delta') emit(event.text);
      },
    });
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

  #open(): FusedStream<StreamEvent> {
    if (this.#started) {
      throw new ConfigurationError(
        'This stream was already consumed. Call client.stream() again for a new call, or keep the events you read.',
      );
    }
    this.#started = true;
    const observe: StreamStage<StreamEvent, StreamEvent> = {
      item: (event, emit) => {
        if (event.type === 'finish') this.#response = event.response;
        emit(event);
      },
      end: () => {
        if (!this.#response) {
          throw new InvalidResponseError('The stream ended without a finish event.', {
            retryable: true,
          });
        }
        this.#settle(undefined);
      },
      error: (error) => {
        this.#settle(error);
        return error;
      },
      close: () => {
        // A reader that stops early leaves the response unknown.
        this.#settle(
          new AbortError(
            'The stream was closed by its reader before it finished, so there is no final response. Read it to the end, or call finalResponse() instead.',
          ),
        );
      },
    };
    let events: AsyncIterable<StreamEvent>;
    try {
      events = this.#start();
    } catch (error) {
      events = FusedStream.from<StreamEvent, StreamEvent>(() => Promise.reject(error), {
        item: () => undefined,
      });
    }
    return FusedStream.isFused(events) ? events.pipe(observe) : FusedStream.from(events, observe);
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
