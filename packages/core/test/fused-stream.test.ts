import { describe, expect, it } from 'vitest';
import { FusedStream, type StreamStage } from '../src/index.js';

function numbers(count: number, onReturn?: () => void): AsyncIterable<number> {
  return {
    [Symbol.asyncIterator]() {
      let next = 0;
      return {
        next: async () =>
          next < count ? { done: false, value: next++ } : { done: true, value: undefined },
        return: async () => {
          onReturn?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const double: StreamStage<number, number> = { item: (value, emit) => emit(value * 2) };

describe('FusedStream', () => {
  it('maps items through piped stages, skipping and multiplying items, and ends with each stage', async () => {
    const order: string[] = [];
    const stream = FusedStream.from(numbers(4), {
      item: (value, emit) => {
        if (value % 2 === 0) emit(value); // odd items produce nothing
      },
      end: (emit) => {
        order.push('first end');
        emit(100);
      },
    }).pipe<string>({
      item: (value, emit) => {
        emit(`${value}`);
        emit(`${value}!`);
      },
      end: (emit) => {
        order.push('second end');
        emit('done');
      },
    });
    expect(await collect(stream)).toEqual(['0', '0!', '2', '2!', '100', '100!', 'done']);
    expect(order).toEqual(['first end', 'second end']);
  });

  it('opens a promised source at the first read only', async () => {
    let opened = 0;
    const stream = FusedStream.from(async () => {
      opened += 1;
      return numbers(3);
    }, double);
    expect(opened).toBe(0);
    expect(await collect(stream)).toEqual([0, 2, 4]);
    expect(opened).toBe(1);
  });

  it('maps a stage error through every error hook in order, closes once, and stops the source', async () => {
    let closes = 0;
    let sourceStopped = false;
    const stream = FusedStream.from<number, number>(
      numbers(10, () => (sourceStopped = true)),
      {
        item: (value, emit) => {
          if (value === 2) throw new Error('bad chunk');
          emit(value);
        },
        error: (error) => new Error(`provider: ${(error as Error).message}`),
        close: () => (closes += 1),
      },
    ).pipe<number>({
      item: (value, emit) => emit(value),
      error: (error) => new Error(`core: ${(error as Error).message}`),
      close: () => (closes += 1),
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of stream) seen.push(value);
      })(),
    ).rejects.toThrow('core: provider: bad chunk');
    expect(seen).toEqual([0, 1]);
    expect(closes).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sourceStopped).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('maps a rejected source through the error hooks', async () => {
    const stream = FusedStream.from<number, number>(
      () => Promise.reject(new Error('connect refused')),
      {
        item: () => undefined,
        error: (error) => new Error(`mapped ${(error as Error).message}`),
      },
    );
    await expect(stream.next()).rejects.toThrow('mapped connect refused');
  });

  it('stops the source and closes the stages when the reader leaves early', async () => {
    let sourceStopped = false;
    let closed = false;
    const stream = FusedStream.from(
      numbers(1_000, () => (sourceStopped = true)),
      {
        ...double,
        close: () => (closed = true),
      },
    );
    for await (const value of stream) if (value === 4) break;
    expect(sourceStopped).toBe(true);
    expect(closed).toBe(true);
  });

  it('is recognized by isFused, and plain iterables are not', () => {
    expect(FusedStream.isFused(FusedStream.from(numbers(1), double))).toBe(true);
    expect(FusedStream.isFused(numbers(1))).toBe(false);
  });
});
