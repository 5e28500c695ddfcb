import { type Cost, toPicodollars } from '@stratum/core';
import { picodollarsToUsd } from '@stratum/tracker';

/** Money in JSON: dollars for display and the exact integer picodollars as a string. */
export interface Money {
  usd: number;
  picodollars: string;
}

export function moneyFromPicodollars(picodollars: bigint | number): Money {
  const value = BigInt(picodollars);
  return { usd: picodollarsToUsd(value), picodollars: value.toString() };
}

export function moneyFromUsd(usd: number): Money {
  return moneyFromPicodollars(toPicodollars(usd));
}

/**
 * What a call cost as the tracker records it: nothing for a cache hit (it was not paid for),
 * nothing when the price is unknown, else the exact total.
 */
export function callCostPicodollars(response: {
  cost: Cost | undefined;
  cached?: boolean;
}): bigint {
  if (response.cached || response.cost === undefined) return 0n;
  return toPicodollars(response.cost.total);
}
