import { writeFile } from 'node:fs/promises';
import { checkStream, type StreamCheck } from './check-stream.js';
import { type LoadResult, type LoadRun, measureLoad, summarize } from './measure-load.js';
import { startServers } from './start-servers.js';
import {
  directTarget,
  passThroughTarget,
  portkeyTarget,
  STREAM_WORDS,
  stratumTarget,
  type Target,
} from './targets.js';

/**
 * Stratum's gateway against Portkey's on one zero-delay OpenAI-compatible mock, each server in its
 * own process, all driven by autocannon in this one: requests per second and the latency each
 * gateway adds over calling the mock directly. Each server gets `BENCH_GATEWAY_SECONDS` (default
 * 10) per case, in `BENCH_GATEWAY_ROUNDS` (default 5) slices taken in turn with the others, so a
 * busy spell on a shared machine falls on all of them alike. `BENCH_GATEWAY_CONNECTIONS` (default
 * `1,10,50`: one connection shows the latency a request adds without queueing).
 */
const durationSeconds = Number(process.env['BENCH_GATEWAY_SECONDS'] ?? 10);
const rounds = Number(process.env['BENCH_GATEWAY_ROUNDS'] ?? 5);
const connectionCounts = (process.env['BENCH_GATEWAY_CONNECTIONS'] ?? '1,10,50')
  .split(',')
  .map((value) => Number(value.trim()));

interface Row {
  connections: number;
  call: 'chat' | 'stream';
  target: string;
  result?: LoadResult;
  /** Why the stream was not measured: it does not work through this server. */
  brokenStream?: string;
}

const servers = await startServers();
const rows: Row[] = [];
const streams: Record<string, StreamCheck> = {};
try {
  const targets: Target[] = [
    directTarget(servers.mockBaseURL, servers.pids.mock),
    passThroughTarget(servers.passThroughURL, servers.pids.passThrough),
    stratumTarget(servers.stratumURL, servers.pids.stratum),
    portkeyTarget(servers.portkeyURL, servers.mockBaseURL, servers.pids.portkey),
  ];
  for (const target of targets) streams[target.name] = await checkStream(target, STREAM_WORDS);
  for (const target of targets) {
    await measureLoad(target, { connections: 10, stream: false, durationSeconds: 2 });
    if (streams[target.name]?.works)
      await measureLoad(target, { connections: 10, stream: true, durationSeconds: 2 });
  }
  for (const connections of connectionCounts) {
    for (const call of ['chat', 'stream'] as const) {
      const measured = targets.filter((target) => call === 'chat' || streams[target.name]?.works);
      const runs = new Map<string, LoadRun[]>(measured.map((target) => [target.name, []]));
      for (let round = 0; round < rounds; round += 1) {
        for (const target of measured) {
          runs.get(target.name)?.push(
            await measureLoad(target, {
              connections,
              stream: call === 'stream',
              durationSeconds: Math.max(1, Math.round(durationSeconds / rounds)),
            }),
          );
        }
      }
      for (const target of targets) {
        const check = streams[target.name];
        const done = runs.get(target.name);
        rows.push(
          done
            ? { connections, call, target: target.name, result: summarize(done) }
            : {
                connections,
                call,
                target: target.name,
                brokenStream: check && !check.works ? check.reason : 'not measured',
              },
        );
      }
    }
  }
} finally {
  await servers.close();
}

const format = (value: number, digits = 2) =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';
const lines = rows.map((row) => {
  const { result } = row;
  if (!result)
    return `| ${row.connections} | ${row.call} | ${row.target} | stream fails: ${row.brokenStream?.replaceAll('|', '\\|').replaceAll('\n', ' ')} | | | | | | |`;
  const direct = rows.find(
    (other) =>
      other.connections === row.connections &&
      other.call === row.call &&
      other.target === 'direct to mock',
  )?.result;
  const added = (pick: (measured: LoadResult) => number) =>
    direct && row.target !== 'direct to mock' ? format(pick(result) - pick(direct)) : '';
  return `| ${row.connections} | ${row.call} | ${row.target} | ${format(result.requestsPerSecond, 0)} | ${format(result.p50Ms)} | ${format(result.p99Ms)} | ${added((measured) => measured.p50Ms)} | ${added((measured) => measured.p99Ms)} | ${format(result.cpuMsPerRequest, 3)} | ${result.failed} |`;
});
const ratios = connectionCounts.flatMap((connections) =>
  (['chat', 'stream'] as const).map((call) => {
    const of = (name: string) =>
      rows.find(
        (row) => row.connections === connections && row.call === call && row.target === name,
      )?.result;
    const stratum = of('Stratum gateway');
    const portkey = of('Portkey gateway 1.15.2');
    if (!stratum || !portkey) return `- ${connections} connections, ${call}: no Portkey number`;
    return `- ${connections} connections, ${call}: Stratum serves ${format(stratum.requestsPerSecond / portkey.requestsPerSecond, 1)}× Portkey's requests/s; Portkey uses ${format(portkey.cpuMsPerRequest / stratum.cpuMsPerRequest, 1)}× Stratum's CPU time per request`;
  }),
);
console.log(
  [
    `Node ${process.version}; mock, Stratum and Portkey each in their own process; autocannon, ${durationSeconds} s per server and case in ${rounds} interleaved slices; stream = ${STREAM_WORDS} chunks; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| connections | call | server | requests/s | p50 ms | p99 ms | added p50 ms | added p99 ms | server CPU ms per request | failed |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...lines,
    '',
    ...ratios,
  ].join('\n'),
);
await writeFile(
  new URL('../../results/gateway-latest.json', import.meta.url),
  `${JSON.stringify({ node: process.version, durationSeconds, rounds, streams, rows }, null, 2)}\n`,
);
