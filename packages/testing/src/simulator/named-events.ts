import type { Exchange } from './http-simulator.js';
import type { SimulatedReply, SimulatorStep } from './scenario.js';
import {
  disconnect,
  hang,
  pause,
  sendJson,
  startEventStream,
  writeEvent,
} from './write-helpers.js';

/** The `type` field of a recorded event line, used as its SSE `event:` name. */
function eventName(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || !('type' in parsed)) return undefined;
    return typeof parsed.type === 'string' ? parsed.type : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replays a `recorded` step for vendors whose SSE events are named by their `type` (Cohere v2,
 * OpenAI Responses): a recorded body as JSON, or each recorded line as one named event.
 */
export async function replayRecordedNamedEvents(
  exchange: Exchange,
  step: Extract<SimulatorStep, { kind: 'recorded' }>,
  headers: Record<string, string> = {},
): Promise<void> {
  if (!step.chunks) {
    sendJson(exchange, step.status ?? 200, step.json ?? '', headers);
    return;
  }
  startEventStream(exchange, headers);
  for (const line of step.chunks) {
    if (line.trim() === '') continue;
    await writeEvent(exchange, line, eventName(line));
    await pause(exchange, step.chunkDelayMs);
  }
  exchange.response.end();
}

type StreamedStep = Extract<SimulatorStep, { reply: SimulatedReply }>;

/**
 * Streams a step's events as SSE events named by their `type`, stopping after `afterChunks` for
 * failure steps: `disconnect` cuts the connection, `malformed-chunk` sends `malformed` (an event
 * cut mid-JSON) and stays open. Returns `true` when the caller still has to end the response
 * (a full reply, or a `stream-error` whose error events the caller writes next).
 */
export async function streamNamedEvents(
  exchange: Exchange,
  events: ReadonlyArray<Record<string, unknown>>,
  step: StreamedStep,
  malformed: { data: string; event: string },
): Promise<boolean> {
  startEventStream(exchange);
  const stopAfter = step.kind === 'reply' ? events.length : step.afterChunks;
  for (const event of events.slice(0, stopAfter)) {
    if (exchange.isClosed()) return false;
    await writeEvent(exchange, JSON.stringify(event), String(event['type']), {
      splitMultibyte: step.splitMultibyte,
    });
    await pause(exchange, step.chunkDelayMs);
  }
  switch (step.kind) {
    case 'disconnect':
      await disconnect(exchange);
      return false;
    case 'malformed-chunk':
      await writeEvent(exchange, malformed.data, malformed.event);
      await hang(exchange);
      return false;
    default:
      return true;
  }
}
