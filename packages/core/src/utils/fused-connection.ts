/**
 * The plumbing under `FusedStream`: how stages are chained into one synchronous step per source
 * item. Kept apart from the class so each file reads on its own; nothing here is public API
 * except `Emit` and `StreamStage`.
 */

export type Emit<T> = (item: T) => void;

export interface StreamStage<TIn, TOut> {
  /**
   * Maps one item to zero or more, synchronously; throw to fail the stream. Work that must finish
   * before the reader sees the item (storing a finished response) returns its promise: the read
   * then waits for it, and a rejection fails the stream. Returning nothing costs nothing.
   */
  item(value: TIn, emit: Emit<TOut>): void | Promise<unknown>;
  /** The source ended: emit what remains (a final event) or throw; may return a promise as `item`. */
  end?(emit: Emit<TOut>): void | Promise<unknown>;
  /** Turns an error from the source or an earlier stage into the one the reader sees. */
  error?(error: unknown): unknown;
  /** Runs once when the stream finishes, fails or is closed early. */
  close?(): void;
  /**
   * Runs every read of the source inside `read`, for stages that bind a context to the work
   * below them (a tracing span's context, so the HTTP request is its child).
   */
  run?<R>(read: () => R): R;
}

export interface Sink<T> {
  emit: Emit<T>;
  end(): void;
  /** Holds the current read's answer until `pending` settles (a stage's asynchronous work). */
  wait(pending: Promise<unknown>): void;
}

export interface Connection<R> {
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
export interface Reader<R> {
  after: () => R | Promise<R>;
  failed: (error: unknown) => never;
}

export type Connect<T> = <R>(sink: Sink<T>, reader: Reader<R>) => Connection<R>;

export type Source<T> = AsyncIterable<T> | (() => Promise<AsyncIterable<T>>);

/** Joins fused streams of this copy of core; a stream from another copy is read as an iterable. */
export const CONNECT = Symbol('connect');

interface Joinable<T> {
  [CONNECT]<R>(sink: Sink<T>, reader: Reader<R>): Connection<R>;
}

function isJoinable<T>(iterable: AsyncIterable<T>): iterable is AsyncIterable<T> & Joinable<T> {
  return CONNECT in iterable;
}

/** The read to use for a stage: `read` itself, or `read` inside the stage's `run`. */
export function runner<R>(stage: StreamStage<never, unknown>, read: () => R): () => R {
  if (!stage.run) return read;
  const run = stage.run.bind(stage);
  return () => run(read);
}

/** The sink a stage writes into: its outputs go on to `sink`, its promises hold the read. */
export function stageInto<TIn, TOut>(stage: StreamStage<TIn, TOut>, sink: Sink<TOut>): Sink<TIn> {
  return {
    emit: (value) => {
      const pending = stage.item(value, sink.emit);
      if (pending !== undefined) sink.wait(pending);
    },
    end: () => {
      const pending = stage.end?.(sink.emit);
      if (pending !== undefined) sink.wait(pending);
      sink.end();
    },
    wait: sink.wait,
  };
}

/** Joins a fused source; reads any other async iterable one `next()` per item. */
export function connectTo<T, R>(
  iterable: AsyncIterable<T>,
  sink: Sink<T>,
  reader: Reader<R>,
): Connection<R> {
  if (isJoinable(iterable)) return iterable[CONNECT](sink, reader);
  const iterator = iterable[Symbol.asyncIterator]();
  // Made once per stream: no closure is allocated per item.
  const onResult = (result: IteratorResult<T>): R | Promise<R> => {
    try {
      if (result.done) sink.end();
      else sink.emit(result.value);
    } catch (error) {
      reader.failed(error);
    }
    return reader.after();
  };
  return {
    pull: () => iterator.next().then(onResult, reader.failed),
    mapError: (error) => error,
    close: () => undefined,
    cancel: async () => {
      await iterator.return?.();
    },
  };
}
