import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SpendBucket } from '../api/types.js';
import { formatUsd } from '../format.js';

const COLORS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#4b5563',
];

/** Columns for uPlot: bucket start times (seconds), then one spend series per group. */
export function toChartData(buckets: SpendBucket[]): {
  groups: string[];
  times: number[];
  spend: (number | null)[][];
} {
  const times = [...new Set(buckets.map((bucket) => Date.parse(bucket.start) / 1000))].sort(
    (a, b) => a - b,
  );
  const groups = [...new Set(buckets.map((bucket) => bucket.group))].sort();
  const index = new Map(times.map((time, position) => [time, position]));
  const spend = groups.map(() => times.map((): number | null => null));
  for (const bucket of buckets) {
    const row = spend[groups.indexOf(bucket.group)];
    const column = index.get(Date.parse(bucket.start) / 1000);
    if (row && column !== undefined) row[column] = (row[column] ?? 0) + bucket.cost.usd;
  }
  return { groups, times, spend };
}

/**
 * Stacked bars: series `i` is drawn up to the sum of groups `i..last`, widest first, so each later
 * series covers the lower part of the bar and every group keeps its own band.
 */
function stack(spend: (number | null)[][]): (number | null)[][] {
  return spend.map((_, position) =>
    (spend[0] ?? []).map((_value, column) => {
      let sum: number | null = null;
      for (const row of spend.slice(position)) {
        const value = row[column];
        if (value !== null && value !== undefined) sum = (sum ?? 0) + value;
      }
      return sum;
    }),
  );
}

/**
 * Spend per bucket over the page's window (`from`..`to`, seconds), one stacked band per group,
 * resized with its container. A fixed window keeps a lone bucket from stretching over years.
 */
export function SpendChart({
  buckets,
  from,
  to,
  bucketSeconds,
}: {
  buckets: SpendBucket[];
  from: number;
  to: number;
  bucketSeconds: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { groups, times, spend } = toChartData(buckets);
    const stacked = stack(spend);
    const bars = uPlot.paths.bars?.({ size: [0.8, 60] });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: 260,
      scales: {
        x: { time: true, range: () => [from - bucketSeconds, to + bucketSeconds] },
        y: { range: (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [{}, { values: (_plot, ticks) => ticks.map((tick) => formatUsd(tick)), size: 90 }],
      series: [
        {},
        ...groups.map((group, position) => ({
          label: group,
          stroke: COLORS[position % COLORS.length],
          fill: `${COLORS[position % COLORS.length]}cc`,
          paths: bars,
          points: { show: false },
          // The legend shows the group's own spend, not the stacked height.
          value: (_plot: uPlot, _value: number | null, _series: number, column: number | null) => {
            const own = column === null ? null : (spend[position]?.[column] ?? null);
            return own === null ? '—' : formatUsd(own);
          },
        })),
      ],
    };
    chart.current?.destroy();
    chart.current = new uPlot(options, [times, ...stacked], element);
    const observer = new ResizeObserver(() => {
      chart.current?.setSize({ width: Math.max(element.clientWidth, 200), height: 260 });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, [buckets, from, to, bucketSeconds]);

  return (
    <div
      class="chart"
      ref={container}
      data-testid="spend-chart"
      data-points={buckets.length}
      data-calls={buckets.reduce((sum, bucket) => sum + bucket.calls, 0)}
    />
  );
}
