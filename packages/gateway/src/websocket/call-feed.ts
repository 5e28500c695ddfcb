import type { CallRecord, RecordStore } from '@stratum/tracker';

export type CallListener = (record: CallRecord) => void;

/** A record store that also tells its listeners of each call once it is written. */
export interface CallFeed {
  /** Give this to `createTracker({ store })`: it writes through to the wrapped store. */
  readonly store: RecordStore;
  /** Calls `listener` with each record written from now on; returns the unsubscribe function. */
  subscribe(listener: CallListener): () => void;
}

/**
 * Wraps a tracker's record store so the WebSocket `calls` topic sees every tracked call as it
 * finishes, whichever API it came through. A listener is told after the write, so what it
 * shows is already in the store the REST endpoints read.
 */
export function createCallFeed(store: RecordStore): CallFeed {
  const listeners = new Set<CallListener>();
  const notify = (record: CallRecord) => {
    for (const listener of listeners) listener(record);
  };
  const observed: RecordStore = {
    async write(record) {
      await store.write(record);
      notify(record);
    },
    async writeMany(records) {
      const written = [...records];
      await store.writeMany(written);
      for (const record of written) notify(record);
    },
    query: (query) => store.query(query),
    list: (options) => store.list(options),
    scan: (options) => store.scan(options),
    deleteBefore: (before) => store.deleteBefore(before),
    get budgets() {
      return store.budgets;
    },
    close: () => store.close(),
  };
  return {
    store: observed,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
