/**
 * A stream built from an async source and synchronous stages, so a vendor chunk passes the
 * provider's mapping, core's assembly and the caller's iterator in one asynchronous step.
 *
 * Why: each `async function*` layer costs a promise round trip per item, and a 1000-chunk
 * stream goes through several layers. Stages run synchronously inside a single `next()`, which
 * keeps Stratum's per-chunk cost close to the raw SDK's (see docs/benchmarks.md).
 */

const FUSED = Symbol.for('@stratum/core/fused-stream');

export type Emit<T> = (item: T) => void;

export interface StreamStage<TIn, TOut> {
  /** Maps one item to zero or more, synchronously; throw to fail the stream. */
  item(value: TIn, emit: Emit<TOut>): void;
  /** The source ended: emit what remains (a final event) or throw. */
  end?(emit: Emit<TOut>): void;
  /** Turns an error from the source or an earlier stage into the one the reader sees. */
  error?(error: unknown): unknown;
  /** Runs once when the stream finishes, fails or is closed early. */
  close?(): void;
}

interface Sink<T> {
  emit: Emit<T>;
  end(): void;
}

interface Connection {
  /**
   * Reads one source item, runs it through every stage, then calls `after` in the same
   * promise reaction (one microtask hop per item, like reading the source directly).
   * `failed` receives a rejection of the source or an error thrown by a stage.
   */
  pull<R>(after: () => R | Promise<R>, failed: (error: unknown) => never): Promise<R>;
  mapError(error: unknown): unknown;
  close(): void;
  /** Stops the source (closes the HTTP request). */
  cancel(): Promise<void>;
}

type Source<T> = AsyncIterable<T> | (() => Promise<AsyncIterable<T>>);

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export class FusedStream<T> implements AsyncIterableIterator<T> {
  readonly [FUSED] = true;
  #connect: (sink: Sink<T>) => Connection;
  #connection: Connection | undefined;
  #queue: T[] = [];
  #head = 0;
  #ended = false;
  #finished = false;

  private constructor(connect: (sink: Sink<T>) => Connection) {
    this.#connect = connect;
  }

  /** A stream over `source` (or the source a promise gives, opened at the first read). */
  static from<TIn, TOut>(source: Source<TIn>, stage: StreamStage<TIn, TOut>): FusedStream<TOut> {
    return new FusedStream<TOut>((sink) => {
      let iterator: AsyncIterator<TIn> | undefined;
      const handle = (result: IteratorResult<TIn>): void => {
        if (result.done) {
          stage.end?.(sink.emit);
          sink.end();
        } else {
          stage.item(result.value, sink.emit);
        }
      };
      const read = <R>(
        current: AsyncIterator<TIn>,
        after: () => R | Promise<R>,
        failed: (error: unknown) => never,
      ): Promise<R> =>
        current.next().then((result) => {
          try {
            handle(result);
          } catch (error) {
            failed(error);
          }
          return after();
        }, failed);
      return {
        pull(after, failed) {
          if (iterator) return read(iterator, after, failed);
          const opened = typeof source === 'function' ? source() : Promise.resolve(source);
          return opened.then((iterable) => {
            iterator = iterable[Symbol.asyncIterator]();
            return read(iterator, after, failed);
          }, failed);
        },
        mapError: (error) => (stage.error ? stage.error(error) : error),
        close: () => stage.close?.(),
        cancel: async () => {
          await iterator?.return?.();
        },
      };
    });
  }

  /** True for a fused stream from any copy of @stratum/core. */
  static isFused<T>(value: AsyncIterable<T>): value is FusedStream<T> {
    return (
      FUSED in value && value[FUSED] === true && 'pipe' in value && typeof value.pipe === 'function'
    );
  }

  /** Adds a synchronous stage; the result reads the same source in the same single step. */
  pipe<TNext>(stage: StreamStage<T, TNext>): FusedStream<TNext> {
    const connect = this.#connect;
    return new FusedStream<TNext>((sink) => {
      const inner = connect({
        emit: (value) => stage.item(value, sink.emit),
        end: () => {
          stage.end?.(sink.emit);
          sink.end();
        },
      });
      return {
        pull: inner.pull,
        mapError: (error) => {
          const mapped = inner.mapError(error);
          return stage.error ? stage.error(mapped) : mapped;
        },
        close: () => {
          inner.close();
          stage.close?.();
        },
        cancel: inner.cancel,
      };
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#queue.length)
      return Promise.resolve({ done: false, value: this.#take() });
    if (this.#ended) {
      this.#finish();
      return Promise.resolve(DONE);
    }
    return this.#pullUntilItem();
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.#finished) {
      this.#ended = true;
      this.#queue = [];
      this.#head = 0;
      try {
        await this.#connection?.cancel();
      } catch {
        // The reader is leaving; a failure to close the source changes nothing for it.
      }
      this.#finish();
    }
    return DONE;
  }

  #pullUntilItem(): Promise<IteratorResult<T>> {
    this.#connection ??= this.#connect({
      emit: (value) => {
        this.#queue.push(value);
      },
      end: () => {
        this.#ended = true;
      },
    });
    try {
      return this.#connection.pull(this.#afterPull, this.#failed);
    } catch (error) {
      return Promise.reject(this.#fail(error));
    }
  }

  readonly #afterPull = (): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (this.#head < this.#queue.length) return { done: false, value: this.#take() };
    if (this.#ended) {
      this.#finish();
      return DONE;
    }
    // The item produced no output (a keep-alive, a usage-only chunk): read on.
    return this.#pullUntilItem();
  };

  readonly #failed = (error: unknown): never => {
    throw this.#fail(error);
  };

  #take(): T {
    const queue = this.#queue;
    const index = this.#head;
    this.#head += 1;
    if (this.#head === queue.length) {
      // Drained: start over instead of growing, without losing the item being taken.
      this.#queue = [];
      this.#head = 0;
    }
    return queue[index] as T; // index < length was checked by every caller
  }

  #fail(error: unknown): unknown {
    const mapped = this.#connection ? this.#connection.mapError(error) : error;
    this.#ended = true;
    this.#queue = [];
    this.#head = 0;
    // A stage that failed (a malformed chunk) leaves the HTTP request open: close it.
    void this.#connection?.cancel().catch(() => undefined);
    this.#finish();
    return mapped;
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#connection?.close();
  }
}
