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
export function toChartData(buckets: SpendBucket[]): { groups: string[]; data: uPlot.AlignedData } {
  const times = [...new Set(buckets.map((bucket) => Date.parse(bucket.start) / 1000))].sort(
    (a, b) => a - b,
  );
  const groups = [...new Set(buckets.map((bucket) => bucket.group))].sort();
  const index = new Map(times.map((time, position) => [time, position]));
  const series = groups.map(() => times.map((): number | null => null));
  for (const bucket of buckets) {
    const row = series[groups.indexOf(bucket.group)];
    const column = index.get(Date.parse(bucket.start) / 1000);
    if (row && column !== undefined) row[column] = (row[column] ?? 0) + bucket.cost.usd;
  }
  return { groups, data: [times, ...series] };
}

/** Spend per bucket, one bar series per group, resized with its container. */
export function SpendChart({ buckets }: { buckets: SpendBucket[] }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { groups, data } = toChartData(buckets);
    const bars = uPlot.paths.bars?.({ size: [0.8, 60] });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: 260,
      scales: { x: { time: true } },
      axes: [{}, { values: (_plot, ticks) => ticks.map((tick) => formatUsd(tick)), size: 70 }],
      series: [
        {},
        ...groups.map((group, position) => ({
          label: group,
          stroke: COLORS[position % COLORS.length],
          fill: `${COLORS[position % COLORS.length]}99`,
          paths: bars,
          points: { show: false },
          value: (_plot: uPlot, value: number | null) => (value === null ? '—' : formatUsd(value)),
        })),
      ],
    };
    chart.current?.destroy();
    chart.current = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      chart.current?.setSize({ width: Math.max(element.clientWidth, 200), height: 260 });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, [buckets]);

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
