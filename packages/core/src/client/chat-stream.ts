import { AbortError, ConfigurationError, InvalidResponseError } from '../errors/error-classes.js';
import type { ChatResponse } from '../types/response.js';
import type { StreamEvent } from '../types/stream.js';
import { FusedStream, type StreamStage } from '../utils/fused-stream.js';

/**
 * The result of `client.stream()`: iterate it for events, or use `textStream` for plain text,
 * or `finalResponse()` for the complete response with usage and cost. The call starts when
 * one of those is first used; it can be consumed once.
 */
/**
 * Lets the code that produces a stream report its outcome to the `ChatStream` directly, saving
 * the stage the `ChatStream` would otherwise add to watch the events (a cost paid per chunk).
 */
export type StreamObserver = Required<
  Omit<StreamStage<StreamEvent, StreamEvent>, 'item' | 'run'>
> & {
  finish(response: ChatResponse): void;
};

export class ChatStream implements AsyncIterable<StreamEvent> {
  #start: (observer: StreamObserver) => { events: AsyncIterable<StreamEvent>; observed: boolean };
  #started = false;
  #response: ChatResponse | undefined;
  #error: unknown;
  #settled = false;
  #waiters: Array<{ resolve: (response: ChatResponse) => void; reject: (error: unknown) => void }> =
    [];

  /**
   * `start` makes the events; it returns `observed: true` when it reported the outcome to the
   * observer itself, and `false` when the stream must watch the events.
   */
  constructor(
    start: (observer: StreamObserver) => { events: AsyncIterable<StreamEvent>; observed: boolean },
  ) {
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
    const observer: StreamObserver = {
      finish: (response) => {
        this.#response = response;
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
        // A reader that stops early leaves the response unknown. (Build the error only then:
        // capturing a stack on every stream's close is measurable.)
        if (this.#settled) return;
        this.#settle(
          new AbortError(
            'The stream was closed by its reader before it finished, so there is no final response. Read it to the end, or call finalResponse() instead.',
          ),
        );
      },
    };
    let started: { events: AsyncIterable<StreamEvent>; observed: boolean };
    try {
      started = this.#start(observer);
    } catch (error) {
      started = {
        events: FusedStream.from<StreamEvent, StreamEvent>(() => Promise.reject(error), {
          item: () => undefined,
        }),
        observed: false,
      };
    }
    const { events, observed } = started;
    if (observed && FusedStream.isFused(events)) return events;
    const watch: StreamStage<StreamEvent, StreamEvent> = {
      ...observer,
      item: (event, emit) => {
        if (event.type === 'finish') observer.finish(event.response);
        emit(event);
      },
    };
    return FusedStream.isFused(events) ? events.pipe(watch) : FusedStream.from(events, watch);
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
