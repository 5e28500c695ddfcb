import type { Money } from './api/types.js';

/** Dollars with enough digits that a fraction of a cent still shows. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  const digits = Math.abs(usd) >= 1 ? 2 : Math.abs(usd) >= 0.01 ? 4 : 6;
  return `$${usd.toFixed(digits)}`;
}

export function formatMoney(money: Money | undefined): string {
  return money ? formatUsd(money.usd) : '—';
}

/** A percentage that stays readable when small: a fresh budget's 0.0024% is not "0.0%". */
export function formatPercent(percent: number): string {
  if (percent === 0 || percent >= 10) return `${percent.toFixed(percent === 0 ? 0 : 1)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

export function formatPerMillion(usd: number): string {
  return `$${usd < 1 ? usd.toFixed(3) : usd.toFixed(2)}`;
}

export function formatTokens(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(count % 1_000_000 ? 1 : 0)}M`;
  if (count >= 1000) return `${Math.round(count / 1000)}K`;
  return String(count);
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Picodollars to dollars, for the tracker's records whose cost is an integer of picodollars. */
export function picodollarsToUsd(picodollars: number | string): number {
  return Number(picodollars) / 1e12;
}
