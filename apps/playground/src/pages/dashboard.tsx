import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/http.js';
import { gatewaySocket } from '../api/socket.js';
import type { CallRecordJson, SpendBucket, StatsResponse } from '../api/types.js';
import { SpendChart } from '../components/spend-chart.js';
import { formatMoney, formatMs, formatPercent, formatUsd, picodollarsToUsd } from '../format.js';

type Bucket = 'hour' | 'day';
type GroupBy = 'provider' | 'model' | 'tag';

const RANGE_MS: Record<Bucket, number> = { hour: 24 * 3600_000, day: 30 * 24 * 3600_000 };
const BUCKET_SECONDS: Record<Bucket, number> = { hour: 3600, day: 24 * 3600 };

function recordCostUsd(record: CallRecordJson): number {
  return 'usd' in record.cost ? record.cost.usd : picodollarsToUsd(record.cost.total);
}

function totalsByGroup(buckets: SpendBucket[]): { group: string; usd: number; calls: number }[] {
  const totals = new Map<string, { usd: number; calls: number }>();
  for (const bucket of buckets) {
    const total = totals.get(bucket.group) ?? { usd: 0, calls: 0 };
    total.usd += bucket.cost.usd;
    total.calls += bucket.calls;
    totals.set(bucket.group, total);
  }
  return [...totals].map(([group, total]) => ({ group, ...total })).sort((a, b) => b.usd - a.usd);
}

/** Where the money goes: spend over time and by group, budgets, provider health, recent calls. */
export function DashboardPage() {
  const [bucket, setBucket] = useState<Bucket>('hour');
  const [groupBy, setGroupBy] = useState<GroupBy>('provider');
  const [buckets, setBuckets] = useState<SpendBucket[]>([]);
  const [stats, setStats] = useState<StatsResponse | undefined>();
  const [calls, setCalls] = useState<CallRecordJson[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [timeWindow, setTimeWindow] = useState({ from: 0, to: 0 });
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = () => {
    const now = Date.now();
    const from = new Date(now - RANGE_MS[bucket]);
    Promise.all([api.spend(bucket, groupBy, from), api.stats(), api.calls(25)]).then(
      ([spend, summary, recent]) => {
        setTimeWindow({ from: from.getTime() / 1000, to: now / 1000 });
        setBuckets(spend.buckets);
        setStats(summary);
        setCalls(recent.calls);
        setError(undefined);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };

  useEffect(load, [bucket, groupBy]);

  // Each finished call shows at once in the list; the aggregates reload shortly after, once.
  useEffect(
    () =>
      gatewaySocket.onCall((record) => {
        setCalls((current) =>
          [record, ...current.filter((call) => call.id !== record.id)].slice(0, 25),
        );
        clearTimeout(refreshTimer.current);
        refreshTimer.current = setTimeout(load, 250);
      }),
    [bucket, groupBy],
  );

  return (
    <section class="page dashboard-page">
      <div class="toolbar">
        <label class="field-label">
          Bucket
          <select
            value={bucket}
            onChange={(event) => setBucket(event.currentTarget.value === 'day' ? 'day' : 'hour')}
          >
            <option value="hour">hour (last 24 h)</option>
            <option value="day">day (last 30 days)</option>
          </select>
        </label>
        <label class="field-label">
          Group by
          <select
            value={groupBy}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setGroupBy(value === 'model' || value === 'tag' ? value : 'provider');
            }}
          >
            <option value="provider">provider</option>
            <option value="model">model</option>
            <option value="tag">tag</option>
          </select>
        </label>
        <a
          class="button"
          href="/api/calls.csv"
          download="stratum-calls.csv"
          data-testid="csv-export"
        >
          Export CSV
        </a>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="cards">
        <div class="card">
          <h3>Calls</h3>
          <p class="big" data-testid="total-calls">
            {stats?.summary.calls ?? '—'}
          </p>
        </div>
        <div class="card">
          <h3>Spend</h3>
          <p
            class="big"
            data-testid="total-spend"
            title={stats ? `${stats.summary.cost.picodollars} picodollars` : undefined}
          >
            {formatMoney(stats?.summary.cost)}
          </p>
        </div>
      </div>
      <div class="panel">
        <h2>Spend over time by {groupBy}</h2>
        <SpendChart
          buckets={buckets}
          from={timeWindow.from}
          to={timeWindow.to}
          bucketSeconds={BUCKET_SECONDS[bucket]}
        />
        <table class="compact" data-testid="spend-by-group">
          <thead>
            <tr>
              <th>{groupBy}</th>
              <th>calls</th>
              <th>spend</th>
            </tr>
          </thead>
          <tbody>
            {totalsByGroup(buckets).map((total) => (
              <tr key={total.group}>
                <td>{total.group}</td>
                <td>{total.calls}</td>
                <td>{formatUsd(total.usd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="grid-2">
        <div class="panel">
          <h2>Budgets</h2>
          {stats?.budgets.length === 0 && <p class="hint">No budgets configured.</p>}
          {stats?.budgets.map((budget) => (
            <div
              class={`budget${budget.alert ? ' alert' : ''}`}
              key={budget.name}
              data-testid="budget"
            >
              <div class="budget-label">
                <span>
                  {budget.name}{' '}
                  <span class="muted">
                    ({budget.scope}, per {budget.period})
                  </span>
                </span>
                <span>
                  {formatMoney(budget.spent)} / {formatMoney(budget.limit)} ·{' '}
                  {formatPercent(budget.percentUsed)}
                </span>
              </div>
              <div
                class="bar"
                role="progressbar"
                aria-valuenow={budget.percentUsed}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <span style={{ width: `${Math.min(budget.percentUsed, 100)}%` }} />
              </div>
              {budget.alert && <p class="error">Alert: this budget passed its alert threshold.</p>}
            </div>
          ))}
        </div>
        <div class="panel">
          <h2>Provider health</h2>
          <table class="compact" data-testid="health">
            <thead>
              <tr>
                <th>provider</th>
                <th>success</th>
                <th>p95</th>
                <th>breaker</th>
              </tr>
            </thead>
            <tbody>
              {stats?.health.map((entry) => (
                <tr
                  key={`${entry.provider}/${entry.model ?? ''}`}
                  class={entry.healthy ? '' : 'unhealthy'}
                >
                  <td>{entry.model ?? entry.provider}</td>
                  <td>{(entry.successRate * 100).toFixed(1)}%</td>
                  <td>{formatMs(entry.p95LatencyMs)}</td>
                  <td>
                    <span class={`badge breaker-${entry.breaker}`}>{entry.breaker}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel">
        <h2>Recent calls</h2>
        <div class="table-scroll">
          <table class="compact" data-testid="recent-calls">
            <thead>
              <tr>
                <th>time</th>
                <th>model</th>
                <th>tokens</th>
                <th>cost</th>
                <th>latency</th>
                <th>status</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.id} data-call-id={call.id}>
                  <td>{new Date(call.time).toLocaleTimeString()}</td>
                  <td>{call.model}</td>
                  <td>
                    {call.inputTokens} / {call.outputTokens}
                  </td>
                  <td>{formatUsd(recordCostUsd(call))}</td>
                  <td>{formatMs(call.latencyMs)}</td>
                  <td>{call.errorClass ?? 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
