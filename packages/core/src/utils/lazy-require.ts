import { createRequire } from 'node:module';

/**
 * Synchronous `require` for the dependencies only some calls need (the JSON Schema validator,
 * edit distance for model suggestions): loading them on first use keeps them out of the time
 * every `import '@stratum/core'` pays, without making a synchronous check asynchronous.
 */
export const lazyRequire = createRequire(import.meta.url);

/** Calls `load` on the first call only; later calls return what it returned. */
export function loadOnFirstUse<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    loaded ??= { value: load() };
    return loaded.value;
  };
}
