import { useEffect, useState } from 'preact/hooks';
import { parseTools } from '../api/parse-tools.js';
import type { ChatRequest } from '../api/types.js';
import { AnswerBody, AnswerStats } from '../components/answer-view.js';
import { ModelPicker } from '../components/model-picker.js';
import { useCatalog } from '../components/use-catalog.js';
import { type StreamState, useStream } from '../components/use-stream.js';

interface Turn {
  prompt: string;
  model: string;
  answer: StreamState;
}

const EXAMPLE_TOOLS = `[
  {
    "name": "get_weather",
    "description": "Current weather for a city",
    "parameters": {
      "type": "object",
      "properties": { "city": { "type": "string" } },
      "required": ["city"]
    }
  }
]`;

function TurnView({ turn }: { turn: Turn }) {
  return (
    <article class="turn" data-testid="turn">
      <p class="prompt">
        <span class="badge">you</span> {turn.prompt}
      </p>
      <div class="reply">
        <span class="badge">{turn.model}</span>
        <AnswerBody state={turn.answer} />
        <AnswerStats state={turn.answer} />
      </div>
    </article>
  );
}

/** A chat with one model or route, streamed over the WebSocket; earlier turns are kept as context. */
export function ChatPage() {
  const { catalog, error: catalogError } = useCatalog();
  const [model, setModel] = useState('');
  const [system, setSystem] = useState('You are a concise assistant.');
  const [temperature, setTemperature] = useState('0.7');
  const [maxTokens, setMaxTokens] = useState('512');
  const [toolsText, setToolsText] = useState('');
  const [prompt, setPrompt] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [pending, setPending] = useState<{ prompt: string; model: string } | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const { state, start, stop } = useStream();

  useEffect(() => {
    if (model || !catalog) return;
    const configured = catalog.models.find((entry) => entry.configured);
    setModel(catalog.routes[0]?.id ?? configured?.id ?? '');
  }, [catalog]);

  // A finished answer joins the history, so the next prompt carries it as context.
  useEffect(() => {
    if (!pending || state.status === 'streaming' || state.status === 'idle') return;
    setTurns((current) => [...current, { ...pending, answer: state }]);
    setPending(undefined);
  }, [state.status]);

  const send = (event: Event) => {
    event.preventDefault();
    const text = prompt.trim();
    if (!text || !model) return;
    const tools = parseTools(toolsText);
    if (tools.error) {
      setFormError(tools.error);
      return;
    }
    const temperatureValue = Number(temperature);
    const maxTokensValue = Number(maxTokens);
    if (temperature !== '' && !(temperatureValue >= 0 && temperatureValue <= 2)) {
      setFormError('temperature: use a number from 0 to 2, or leave it empty');
      return;
    }
    if (maxTokens !== '' && !(Number.isInteger(maxTokensValue) && maxTokensValue > 0)) {
      setFormError('max tokens: use a whole number above 0, or leave it empty');
      return;
    }
    setFormError(undefined);
    const history = turns.flatMap((turn) => [
      { role: 'user' as const, content: turn.prompt },
      ...(turn.answer.text ? [{ role: 'assistant' as const, content: turn.answer.text }] : []),
    ]);
    const request: ChatRequest = {
      model,
      messages: [
        ...(system.trim() ? [{ role: 'system' as const, content: system.trim() }] : []),
        ...history,
        { role: 'user', content: text },
      ],
      ...(temperature !== '' ? { temperature: temperatureValue } : {}),
      ...(maxTokens !== '' ? { maxOutputTokens: maxTokensValue } : {}),
      ...(tools.tools ? { tools: tools.tools } : {}),
      tags: ['source:playground-chat'],
    };
    setPending({ prompt: text, model });
    setPrompt('');
    start(request);
  };

  const streaming = state.status === 'streaming';
  return (
    <section class="page chat-page">
      <aside class="settings">
        <ModelPicker catalog={catalog} value={model} onChange={setModel} testId="chat-model" />
        {catalogError && <p class="error">catalog: {catalogError}</p>}
        <label class="field-label">
          System prompt
          <textarea
            rows={3}
            value={system}
            onInput={(event) => setSystem(event.currentTarget.value)}
          />
        </label>
        <div class="row">
          <label class="field-label">
            Temperature
            <input
              type="number"
              min="0"
              max="2"
              step="0.1"
              value={temperature}
              onInput={(event) => setTemperature(event.currentTarget.value)}
            />
          </label>
          <label class="field-label">
            Max tokens
            <input
              type="number"
              min="1"
              step="1"
              value={maxTokens}
              onInput={(event) => setMaxTokens(event.currentTarget.value)}
            />
          </label>
        </div>
        <label class="field-label">
          Tools (JSON array)
          <textarea
            rows={5}
            class="mono"
            placeholder={EXAMPLE_TOOLS}
            value={toolsText}
            onInput={(event) => setToolsText(event.currentTarget.value)}
            data-testid="tools-json"
          />
        </label>
        <button type="button" class="link" onClick={() => setToolsText(EXAMPLE_TOOLS)}>
          insert an example tool
        </button>
        {turns.length > 0 && (
          <button type="button" onClick={() => setTurns([])} disabled={streaming}>
            New conversation
          </button>
        )}
      </aside>
      <div class="conversation">
        {turns.length === 0 && !pending && (
          <p class="hint">
            Pick a model or a route such as <code>auto</code>, then ask something. Answers stream
            live with their tokens, cost, latency and time to first token.
          </p>
        )}
        {turns.map((turn, position) => (
          <TurnView key={position} turn={turn} />
        ))}
        {pending && <TurnView turn={{ ...pending, answer: state }} />}
        <form class="composer" onSubmit={send}>
          <textarea
            rows={3}
            placeholder="Ask something… (Ctrl+Enter sends)"
            value={prompt}
            onInput={(event) => setPrompt(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send(event);
            }}
            aria-label="Prompt"
            data-testid="prompt"
          />
          {formError && (
            <p class="error" role="alert">
              {formError}
            </p>
          )}
          <div class="actions">
            {streaming ? (
              <button type="button" class="danger" onClick={stop} data-testid="stop">
                Stop
              </button>
            ) : (
              <button
                type="submit"
                class="primary"
                disabled={!model || !prompt.trim()}
                data-testid="send"
              >
                Send
              </button>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
