import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { chatBody, type Target } from './targets.js';

/** One autocannon run: every 2xx latency, and how long it ran. */
export interface LoadRun {
  latenciesMs: number[];
  durationSeconds: number;
  failed: number;
  /** CPU time the serving process used during the run; undefined where /proc is not readable. */
  cpuMs: number | undefined;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** 2xx responses. */
  ok: number;
  /** The serving process's CPU time per 2xx response: what throughput is on a core of its own. */
  cpuMsPerRequest: number;
  /** Non-2xx responses and connection errors (timeouts included). */
  failed: number;
}

export interface LoadOptions {
  connections: number;
  stream: boolean;
  durationSeconds: number;
}

/**
 * Drives `target` with autocannon for a fixed time. Latencies come from autocannon's per-response
 * time (float milliseconds) rather than its histogram, which rounds to whole milliseconds: too
 * coarse for an added latency under a millisecond.
 */
export async function measureLoad(target: Target, options: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  const cpuBefore = processCpuMs(target.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: target.headers,
        body: chatBody(target, options.stream),
        connections: options.connections,
        duration: options.durationSeconds,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const cpuAfter = processCpuMs(target.pid);
  return {
    latenciesMs: latencies,
    durationSeconds: result.duration,
    failed: result.non2xx + result.errors,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  };
}

/** Pools runs of one server: requests/s over their total time, quantiles over all latencies. */
export function summarize(runs: LoadRun[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latenciesMs).sort((left, right) => left - right);
  const seconds = runs.reduce((total, run) => total + run.durationSeconds, 0);
  const cpuMs = runs.reduce((total, run) => total + (run.cpuMs ?? Number.NaN), 0);
  return {
    requestsPerSecond: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    ok: latencies.length,
    cpuMsPerRequest: cpuMs / latencies.length,
    failed: runs.reduce((total, run) => total + run.failed, 0),
  };
}

/** The nearest-rank quantile of sorted samples; NaN when there are none. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Linux's user plus system time of a process, from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and
    // stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
