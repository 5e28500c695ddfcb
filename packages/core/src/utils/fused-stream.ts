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

interface Connection<R> {
  /**
   * Reads one source item, runs it through every stage, then answers with `after()` in the same
   * promise reaction: one microtask hop per item, like reading the source directly. A rejection
   * of the source or an error thrown by a stage goes to `failed`.
   */
  pull(): Promise<R>;
  mapError(error: unknown): unknown;
  close(): void;
  /** Stops the source (closes the HTTP request). */
  cancel(): Promise<void>;
}

/** How the reader wants each pull answered; bound once per stream, not per item. */
interface Reader<R> {
  after: () => R | Promise<R>;
  failed: (error: unknown) => never;
}

type Connect<T> = <R>(sink: Sink<T>, reader: Reader<R>) => Connection<R>;

type Source<T> = AsyncIterable<T> | (() => Promise<AsyncIterable<T>>);

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export class FusedStream<T> implements AsyncIterableIterator<T> {
  readonly [FUSED] = true;
  #connect: Connect<T>;
  #connection: Connection<IteratorResult<T>> | undefined;
  /** Items emitted but not read yet, in `#queue[#head..#tail)`; slots are reused, never truncated. */
  #queue: Array<T | undefined> = [];
  #head = 0;
  #tail = 0;
  #ended = false;
  #finished = false;

  private constructor(connect: Connect<T>) {
    this.#connect = connect;
  }

  /** A stream over `source` (or the source a promise gives, opened at the first read). */
  static from<TIn, TOut>(source: Source<TIn>, stage: StreamStage<TIn, TOut>): FusedStream<TOut> {
    return new FusedStream<TOut>(<R>(sink: Sink<TOut>, reader: Reader<R>): Connection<R> => {
      let iterator: AsyncIterator<TIn> | undefined;
      // Made once per stream: no closure is allocated per item.
      const onResult = (result: IteratorResult<TIn>): R | Promise<R> => {
        try {
          if (result.done) {
            stage.end?.(sink.emit);
            sink.end();
          } else {
            stage.item(result.value, sink.emit);
          }
        } catch (error) {
          reader.failed(error);
        }
        return reader.after();
      };
      return {
        pull() {
          if (iterator) return iterator.next().then(onResult, reader.failed);
          const opened = typeof source === 'function' ? source() : Promise.resolve(source);
          return opened.then((iterable) => {
            iterator = iterable[Symbol.asyncIterator]();
            return iterator.next().then(onResult, reader.failed);
          }, reader.failed);
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
    return new FusedStream<TNext>(<R>(sink: Sink<TNext>, reader: Reader<R>): Connection<R> => {
      const inner = connect(
        {
          emit: (value) => stage.item(value, sink.emit),
          end: () => {
            stage.end?.(sink.emit);
            sink.end();
          },
        },
        reader,
      );
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
    if (this.#head < this.#tail) return Promise.resolve({ done: false, value: this.#take() });
    if (this.#ended) {
      this.#finish();
      return Promise.resolve(DONE);
    }
    return this.#pullUntilItem();
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.#finished) {
      this.#ended = true;
      this.#clear();
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
    this.#connection ??= this.#connect(
      {
        emit: (value) => {
          this.#queue[this.#tail] = value;
          this.#tail += 1;
        },
        end: () => {
          this.#ended = true;
        },
      },
      { after: this.#afterPull, failed: this.#failed },
    );
    try {
      return this.#connection.pull();
    } catch (error) {
      return Promise.reject(this.#fail(error));
    }
  }

  readonly #afterPull = (): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (this.#head < this.#tail) return { done: false, value: this.#take() };
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
    const value = this.#queue[this.#head] as T; // head < tail was checked by every caller
    this.#queue[this.#head] = undefined;
    this.#head += 1;
    if (this.#head === this.#tail) {
      this.#head = 0;
      this.#tail = 0;
    }
    return value;
  }

  #clear(): void {
    this.#queue = [];
    this.#head = 0;
    this.#tail = 0;
  }

  #fail(error: unknown): unknown {
    const mapped = this.#connection ? this.#connection.mapError(error) : error;
    this.#ended = true;
    this.#clear();
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
