import { randomUUID } from 'node:crypto';
import {
  AbortError,
  type CallContext,
  type ChatResponse,
  type Middleware,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import type { Logger } from '@stratum/middleware';
import type { BudgetEnforcer, HeldReservation } from './budgets/budget-enforcer.js';
import { buildRecord, type CallOutcome, type CallStart } from './records/build-record.js';
import type { CallRecord } from './records/call-record.js';
import { estimateStreamUsage, ReceivedOutput } from './records/estimate-usage.js';
import type { RecordStore } from './stores/record-store.js';

export interface TrackerMiddlewareParts {
  store: RecordStore;
  enforcer: BudgetEnforcer;
  now: () => number;
  logger: Logger | undefined;
}

/**
 * Records every call and enforces the budgets. The record is written (durably, for the SQLite
 * store) before the response is handed back, or before a stream's `finish` event is; the
 * budget is settled to the real cost right after. Put it first in the middleware list so it
 * sees the call as the caller does, retries and cache hits included.
 */
export function trackerMiddleware(parts: TrackerMiddlewareParts): Middleware {
  const { store, enforcer, now, logger } = parts;

  function start(context: CallContext, operation: 'chat' | 'stream'): CallStart {
    return {
      id: randomUUID(),
      time: now(),
      started: performance.now(),
      operation,
      requestedModel: context.request.model,
    };
  }

  async function write(context: CallContext, begun: CallStart, outcome: CallOutcome) {
    const record = buildRecord(context, begun, outcome);
    try {
      await store.write(record);
    } catch (error) {
      report('stratum.tracker.write-failed', record, error);
    }
    return record;
  }

  function report(event: string, record: CallRecord, error: unknown): void {
    try {
      logger?.error(
        { event, id: record.id, model: record.model, error: String(error) },
        `stratum tracker: ${event}`,
      );
    } catch {
      // A broken logger must not break the call.
    }
  }

  async function settle(held: HeldReservation | undefined, record: CallRecord): Promise<void> {
    try {
      await enforcer.settle(held, record.cost.total);
    } catch (error) {
      // The call is done and paid for: its response still goes back. The reservation expires.
      report('stratum.tracker.settle-failed', record, error);
    }
  }

  async function release(held: HeldReservation | undefined, record: CallRecord): Promise<void> {
    try {
      await enforcer.release(held);
    } catch (error) {
      report('stratum.tracker.release-failed', record, error);
    }
  }

  async function reserve(context: CallContext, begun: CallStart) {
    try {
      return await enforcer.reserve(context);
    } catch (error) {
      await write(context, begun, { error });
      throw error;
    }
  }

  return {
    name: 'tracker',

    async chat(context, next): Promise<ChatResponse> {
      const begun = start(context, 'chat');
      const held = await reserve(context, begun);
      let response: ChatResponse;
      try {
        response = await next(context);
      } catch (error) {
        const record = await write(context, begun, { error });
        await release(held, record);
        throw error;
      }
      const record = await write(context, begun, { response });
      await settle(held, record);
      return response;
    },

    async *stream(context, next): AsyncGenerator<StreamEvent> {
      const begun = start(context, 'stream');
      const held = await reserve(context, begun);
      const received = new ReceivedOutput();
      let timeToFirstTokenMs: number | undefined;
      let recorded = false;
      /** A stream that stopped without its finish: recorded with an estimate, never $0. */
      const recordUnfinished = async (error: unknown): Promise<void> => {
        recorded = true;
        const billed = received.events > 0 || AbortError.is(error) || TimeoutError.is(error);
        const estimatedUsage = billed
          ? await estimateStreamUsage(context.request, context.model, received)
          : undefined;
        const record = await write(context, begun, { error, estimatedUsage, timeToFirstTokenMs });
        if (estimatedUsage) await settle(held, record);
        else await release(held, record);
      };
      try {
        for await (const event of next(context)) {
          timeToFirstTokenMs ??= performance.now() - begun.started;
          if (event.type === 'finish') {
            recorded = true;
            const record = await write(context, begun, {
              response: event.response,
              timeToFirstTokenMs,
            });
            await settle(held, record);
          } else {
            received.add(event);
          }
          yield event;
        }
      } catch (error) {
        if (!recorded) await recordUnfinished(error);
        throw error;
      } finally {
        // The caller stopped reading before the end.
        if (!recorded) {
          await recordUnfinished(new AbortError('The stream was closed by its reader.'));
        }
      }
    },
  };
}
