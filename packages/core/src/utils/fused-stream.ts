/**
 * A stream built from an async source and synchronous stages, so a vendor chunk passes the
 * provider's mapping, core's assembly and the caller's iterator in one asynchronous step.
 *
 * Why: each `async function*` layer costs a promise round trip per item, and a 1000-chunk
 * stream goes through several layers. Stages run synchronously inside a single `next()`, which
 * keeps Stratum's per-chunk cost close to the raw SDK's (see docs/benchmarks.md).
 */

import {
  CONNECT,
  type Connect,
  type Connection,
  connectTo,
  type Reader,
  runner,
  type Sink,
  type Source,
  type StreamStage,
  stageInto,
} from './fused-connection.js';

export type { Emit, StreamStage } from './fused-connection.js';

const FUSED = Symbol.for('@stratum/core/fused-stream');

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
  /** Asynchronous work the stages started for the current read (rare: most reads have none). */
  #pending: Array<Promise<unknown>> = [];

  private constructor(connect: Connect<T>) {
    this.#connect = connect;
  }

  /**
   * A stream over `source` (or the source a promise gives, opened at the first read). A source
   * that is itself a `FusedStream` is joined, not read: its items pass `stage` in the same step.
   */
  static from<TIn, TOut>(source: Source<TIn>, stage: StreamStage<TIn, TOut>): FusedStream<TOut> {
    if (source instanceof FusedStream) return source.pipe(stage);
    return new FusedStream<TOut>(<R>(sink: Sink<TOut>, reader: Reader<R>): Connection<R> => {
      const stageSink = stageInto(stage, sink);
      let inner: Connection<R> | undefined;
      const open = (iterable: AsyncIterable<TIn>): Promise<R> => {
        inner = connectTo(iterable, stageSink, reader);
        return inner.pull();
      };
      const pull = (): Promise<R> => {
        if (inner) return inner.pull();
        const opened = typeof source === 'function' ? source() : Promise.resolve(source);
        return opened.then(open, reader.failed);
      };
      return {
        pull: runner(stage, pull),
        mapError: (error) => {
          const mapped = inner ? inner.mapError(error) : error;
          return stage.error ? stage.error(mapped) : mapped;
        },
        close: () => {
          inner?.close();
          stage.close?.();
        },
        cancel: async () => {
          await inner?.cancel();
        },
      };
    });
  }

  /**
   * A stream that opens its source again when it fails before its first item: `failed` says
   * whether to (after any wait of its own). Once an item has reached the reader, a failure is
   * only reported to `failed` (with `delivered: true`) and then goes to the reader, since the
   * reader cannot take back what it has seen. Reads cost what reading the source costs.
   */
  static retrying<T>(
    open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>,
    failed: (error: unknown, delivered: boolean) => boolean | Promise<boolean>,
  ): FusedStream<T> {
    return new FusedStream<T>(<R>(sink: Sink<T>, reader: Reader<R>): Connection<R> => {
      let delivered = false;
      let inner: Connection<R> | undefined;
      let reported: unknown;
      const innerSink: Sink<T> = {
        emit: (value) => {
          delivered = true;
          sink.emit(value);
        },
        end: sink.end,
        wait: sink.wait,
      };
      const innerReader: Reader<R> = {
        after: reader.after,
        failed: (error) => {
          if (!delivered) throw error;
          reported = inner ? inner.mapError(error) : error;
          void Promise.resolve(failed(reported, true)).catch(() => undefined);
          return reader.failed(reported);
        },
      };
      const retryOrFail = async (error: unknown): Promise<R> => {
        if (delivered || error === reported) throw error;
        const attempt = inner;
        const mapped = attempt ? attempt.mapError(error) : error;
        inner = undefined;
        attempt?.close();
        await attempt?.cancel().catch(() => undefined);
        let again: boolean;
        try {
          again = await failed(mapped, false);
        } catch (waitError) {
          // The wait before another attempt failed (the caller aborted): that is the outcome.
          reported = waitError;
          return reader.failed(waitError);
        }
        if (!again) {
          reported = mapped;
          return reader.failed(mapped);
        }
        return pull();
      };
      const pull = (): Promise<R> => {
        if (inner) return delivered ? inner.pull() : inner.pull().catch(retryOrFail);
        return Promise.resolve()
          .then(open)
          .then((iterable) => {
            inner = connectTo(iterable, innerSink, innerReader);
            return inner.pull();
          })
          .catch(retryOrFail);
      };
      return {
        pull,
        mapError: (error) => (error === reported || !inner ? error : inner.mapError(error)),
        close: () => inner?.close(),
        cancel: async () => {
          await inner?.cancel();
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
      const inner = connect(stageInto(stage, sink), reader);
      return {
        pull: runner(stage, inner.pull),
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

  /** Connects to this stream's source: how `from` and `retrying` join a fused source. */
  [CONNECT]<R>(sink: Sink<T>, reader: Reader<R>): Connection<R> {
    return this.#connect(sink, reader);
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
        wait: (pending) => {
          this.#pending.push(pending);
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
    if (this.#pending.length > 0) {
      const pending = this.#pending;
      this.#pending = [];
      return Promise.all(pending).then(this.#afterPull, this.#failed);
    }
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
