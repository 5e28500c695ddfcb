import { formatMoney, formatMs } from '../format.js';
import type { StreamState } from './use-stream.js';

/** Tokens, cost, latency and time to first token of one answer, live while it streams. */
export function AnswerStats({ state }: { state: StreamState }) {
  const { result } = state;
  return (
    <dl class="stats" data-testid="answer-stats">
      <div>
        <dt>tokens</dt>
        <dd data-testid="tokens">
          {result
            ? `${result.usage.inputTokens} in · ${result.usage.outputTokens} out`
            : state.status === 'streaming'
              ? `~${state.liveTokens} out`
              : '—'}
        </dd>
      </div>
      <div>
        <dt>cost</dt>
        <dd
          data-testid="cost"
          title={result ? `${result.cost.picodollars} picodollars` : undefined}
        >
          {formatMoney(result?.cost)}
        </dd>
      </div>
      <div>
        <dt>latency</dt>
        <dd data-testid="latency">{state.status === 'idle' ? '—' : formatMs(state.elapsedMs)}</dd>
      </div>
      <div>
        <dt>TTFT</dt>
        <dd data-testid="ttft">{formatMs(state.timeToFirstTokenMs)}</dd>
      </div>
    </dl>
  );
}

/** The answer text, tool calls and the stream's end state. */
export function AnswerBody({ state }: { state: StreamState }) {
  return (
    <div class="answer" data-status={state.status}>
      {state.reasoning && (
        <details class="reasoning">
          <summary>reasoning</summary>
          <pre>{state.reasoning}</pre>
        </details>
      )}
      <div class="answer-text" data-testid="answer-text">
        {state.text}
        {state.status === 'streaming' && <span class="cursor" aria-hidden="true" />}
      </div>
      {state.toolCalls.map((call) => (
        <div class="tool-call" data-testid="tool-call" key={call.id || call.name}>
          <span class="badge">tool call</span> <code>{call.name}</code>
          <pre>
            {call.arguments === undefined
              ? call.rawArguments
              : JSON.stringify(call.arguments, null, 2)}
          </pre>
        </div>
      ))}
      {state.status === 'cancelled' && (
        <p class="notice" data-testid="cancelled">
          Stopped: the gateway aborted the upstream request.
        </p>
      )}
      {state.error && (
        <p class="error" role="alert" data-testid="answer-error">
          {state.error.code}: {state.error.message}
        </p>
      )}
      {state.result && (
        <p class="answer-meta" data-testid="answer-model">
          {state.result.model} · {state.result.finishReason}
          {state.result.routing ? ` · routed by ${state.result.routing.route}` : ''}
        </p>
      )}
    </div>
  );
}
