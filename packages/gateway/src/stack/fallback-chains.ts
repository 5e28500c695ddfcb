import type { Middleware } from '@stratum/core';
import { type FallbackOptions, fallback } from '@stratum/middleware';

/** The chain for every model that has none of its own. */
export const ANY_MODEL = '*';

/**
 * One `fallback` middleware per configured model: a call takes the chain of the model it is
 * about to call (after routing), or the `*` chain, or none. A single `fallback` would give every
 * model the same chain, and a cheap model's fallbacks are rarely a strong model's.
 */
export function fallbackChains(chains: Record<string, FallbackOptions>): Middleware {
  const byModel = new Map(
    Object.entries(chains).map(([model, options]) => [model, fallback(options)]),
  );
  const chainOf = (model: string) => byModel.get(model) ?? byModel.get(ANY_MODEL);
  return {
    name: 'fallback-chains',
    chat(context, next) {
      const chain = chainOf(context.model.id);
      return chain?.chat ? chain.chat(context, next) : next(context);
    },
    stream(context, next) {
      const chain = chainOf(context.model.id);
      return chain?.stream ? chain.stream(context, next) : next(context);
    },
  };
}
