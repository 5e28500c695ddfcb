import type { HealthEntry, HealthSnapshot } from '@stratum/middleware';
import type { Budget, BudgetStatus, GroupBy, Tracker, UsageGroup } from '@stratum/tracker';
import type { Hono } from 'hono';
import { invalidField } from '../errors/gateway-error.js';
import type { GatewayOptions } from '../gateway-options.js';
import { moneyFromPicodollars, moneyFromUsd } from '../money.js';
import { requirePart } from './require-part.js';

/** Below this success rate over the monitor's window an entry is reported unhealthy. */
const HEALTHY_SUCCESS_RATE = 0.5;

function totals(group: UsageGroup) {
  return {
    calls: group.calls,
    errors: Object.values(group.errors).reduce((sum, count) => sum + count, 0),
    inputTokens: group.tokens.input,
    outputTokens: group.tokens.output,
    cost: moneyFromPicodollars(group.cost.total),
  };
}

function healthRows(snapshot: HealthSnapshot) {
  const row = (provider: string, model: string | undefined, entry: HealthEntry) => {
    const breaker = entry.breakerState ?? 'closed';
    return {
      provider,
      ...(model === undefined ? {} : { model }),
      successRate: entry.successRate,
      p95LatencyMs: entry.latencyMs?.p95,
      breaker,
      healthy: breaker !== 'open' && entry.successRate >= HEALTHY_SUCCESS_RATE,
    };
  };
  return [
    ...Object.entries(snapshot.providers).map(([provider, entry]) =>
      row(provider, undefined, entry),
    ),
    ...Object.entries(snapshot.models).map(([model, entry]) =>
      row(model.slice(0, model.indexOf('/')), model, entry),
    ),
  ];
}

function budgetRow(status: BudgetStatus, budgets: readonly Budget[]) {
  const budget = budgets.find((each) => each.name === status.budget);
  const lowestAlert = Math.min(...(budget?.alertThresholds ?? [1]));
  return {
    name: status.budget,
    scope: status.scope,
    period: budget?.period,
    limit: moneyFromUsd(status.limitUsd),
    spent: moneyFromUsd(status.spentUsd),
    reserved: moneyFromUsd(status.reservedUsd),
    percentUsed: status.percentUsed,
    alert: status.percentUsed >= lowestAlert * 100,
  };
}

async function summaryOf(tracker: Tracker, keyIds: string[]) {
  const [summary, byProvider, byModel] = await Promise.all([
    // Budgets with one limit per key (scope `{ tag: 'apiKeyId' }`) report each key's counter.
    tracker.summary({ budgetValues: keyIds }),
    tracker.query({ groupBy: ['provider'] }),
    tracker.query({ groupBy: ['model'] }),
  ]);
  return {
    summary: {
      calls: summary.calls,
      errors: summary.errors,
      tokens: summary.tokens,
      cost: moneyFromPicodollars(summary.totalCost),
      averageLatencyMs: summary.averageLatencyMs,
      p95LatencyMs: summary.p95LatencyMs,
      byProvider: byProvider.map((group) => ({ provider: group.key.provider, ...totals(group) })),
      byModel: byModel.map((group) => ({ model: group.key.model, ...totals(group) })),
    },
    budgets: summary.budgets.map((status) => budgetRow(status, tracker.budgets)),
  };
}

const HOUR_MS = 3_600_000;

function timeOf(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw invalidField(field, `${field} must be an ISO time, e.g. 2026-03-01T00:00:00Z.`);
  }
  return time;
}

function isTagGroup(value: string): value is `tag:${string}` {
  return value.startsWith('tag:') && value.length > 'tag:'.length;
}

/** `tag` alone groups by the calling key; `tag:team` by any other tag. */
function groupOf(value: string | undefined): GroupBy {
  if (value === undefined || value === 'model') return 'model';
  if (value === 'provider') return 'provider';
  if (value === 'tag') return 'tag:apiKeyId';
  if (isTagGroup(value)) return value;
  throw invalidField(
    'groupBy',
    'groupBy must be provider, model, tag (the API key id) or tag:<name>.',
  );
}

/** A UTC bucket label (`2026-03-01`, `2026-03-01T14`) as the ISO time it starts at. */
function bucketStart(label: string): string {
  return new Date(label.includes('T') ? `${label}:00:00Z` : `${label}T00:00:00Z`).toISOString();
}

/**
 * `GET /api/stats`: the tracker's summary, the health snapshot and the budgets;
 * `GET /api/stats/spend`: cost and tokens per hour or day and per provider, model or tag.
 */
export function addStatsApi(app: Hono, options: GatewayOptions): void {
  app.get('/api/stats', async (context) => {
    const tracker = requirePart(options.tracker, 'tracker', 'GET /api/stats');
    const keyIds = (options.keys ?? []).map((key) => key.id);
    const { summary, budgets } = await summaryOf(tracker, keyIds);
    const health = options.health ? healthRows(options.health.snapshot()) : [];
    return context.json({ summary, health, budgets });
  });
  app.get('/api/stats/spend', async (context) => {
    const tracker = requirePart(options.tracker, 'tracker', 'GET /api/stats/spend');
    const bucket = context.req.query('bucket') ?? 'hour';
    if (bucket !== 'hour' && bucket !== 'day') {
      throw invalidField('bucket', 'bucket must be hour or day.');
    }
    const group = groupOf(context.req.query('groupBy'));
    const to = timeOf(context.req.query('to'), 'to', Date.now());
    const span = bucket === 'hour' ? 24 * HOUR_MS : 30 * 24 * HOUR_MS;
    const from = timeOf(context.req.query('from'), 'from', to - span);
    const groups = await tracker.query({ from, to, groupBy: [bucket, group] });
    return context.json({
      buckets: groups
        .filter((each) => each.calls > 0)
        .map((each) => ({
          start: bucketStart(each.key[bucket] ?? ''),
          group: each.key[group] ?? '',
          cost: moneyFromPicodollars(each.cost.total),
          calls: each.calls,
          inputTokens: each.tokens.input,
          outputTokens: each.tokens.output,
        })),
    });
  });
}
