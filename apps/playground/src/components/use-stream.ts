import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { gatewaySocket } from '../api/socket.js';
import type { ApiError, ChatRequest, StreamResult, ToolCall } from '../api/types.js';

export type StreamStatus = 'idle' | 'streaming' | 'done' | 'cancelled' | 'error';

export interface StreamState {
  status: StreamStatus;
  text: string;
  reasoning: string;
  /** Tool calls as they arrive: arguments grow until the complete call replaces them. */
  toolCalls: ToolCall[];
  /** Output tokens so far: the exact count once done, else the number of text deltas seen. */
  liveTokens: number;
  elapsedMs: number;
  timeToFirstTokenMs: number | null;
  result: StreamResult | undefined;
  error: ApiError | undefined;
}

const IDLE: StreamState = {
  status: 'idle',
  text: '',
  reasoning: '',
  toolCalls: [],
  liveTokens: 0,
  elapsedMs: 0,
  timeToFirstTokenMs: null,
  result: undefined,
  error: undefined,
};

/** One streamed answer over the gateway WebSocket: live text, tool calls, timing, and a stop. */
export function useStream(): {
  state: StreamState;
  start: (request: ChatRequest) => void;
  stop: () => void;
} {
  const [state, setState] = useState<StreamState>(IDLE);
  const cancel = useRef<(() => void) | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const endTimer = () => {
    if (timer.current !== undefined) clearInterval(timer.current);
    timer.current = undefined;
  };

  const start = useCallback((request: ChatRequest) => {
    cancel.current?.();
    endTimer();
    const startedAt = performance.now();
    setState({ ...IDLE, status: 'streaming' });
    timer.current = setInterval(() => {
      setState((current) =>
        current.status === 'streaming'
          ? { ...current, elapsedMs: performance.now() - startedAt }
          : current,
      );
    }, 100);
    cancel.current = gatewaySocket.stream(request, {
      onEvent(event) {
        setState((current) => {
          const first = current.timeToFirstTokenMs ?? Math.round(performance.now() - startedAt);
          switch (event.type) {
            case 'text-delta':
              return {
                ...current,
                text: current.text + event.text,
                liveTokens: current.liveTokens + 1,
                timeToFirstTokenMs: first,
              };
            case 'reasoning-delta':
              return {
                ...current,
                reasoning: current.reasoning + event.text,
                timeToFirstTokenMs: first,
              };
            case 'tool-call-delta': {
              const calls = [...current.toolCalls];
              const existing = calls[event.index];
              calls[event.index] = {
                id: event.id || existing?.id || '',
                name: event.name || existing?.name || '',
                arguments: undefined,
                rawArguments: (existing?.rawArguments ?? '') + event.argumentsDelta,
              };
              return { ...current, toolCalls: calls, timeToFirstTokenMs: first };
            }
            case 'tool-call': {
              const calls = current.toolCalls.filter((call) => call.id !== event.toolCall.id);
              return { ...current, toolCalls: [...calls, event.toolCall] };
            }
            case 'finish':
              return {
                ...current,
                text: event.response.text || current.text,
                toolCalls: event.response.toolCalls.length
                  ? event.response.toolCalls
                  : current.toolCalls,
              };
          }
        });
      },
      onDone(result) {
        endTimer();
        cancel.current = undefined;
        setState((current) => ({
          ...current,
          status: 'done',
          result,
          liveTokens: result.usage.outputTokens,
          elapsedMs: result.latencyMs,
          timeToFirstTokenMs: result.timeToFirstTokenMs ?? current.timeToFirstTokenMs,
        }));
      },
      onError(error) {
        endTimer();
        cancel.current = undefined;
        setState((current) => ({ ...current, status: 'error', error }));
      },
      onCancelled() {
        endTimer();
        cancel.current = undefined;
        setState((current) => ({ ...current, status: 'cancelled' }));
      },
    });
  }, []);

  const stop = useCallback(() => cancel.current?.(), []);

  useEffect(
    () => () => {
      cancel.current?.();
      endTimer();
    },
    [],
  );

  return { state, start, stop };
}
