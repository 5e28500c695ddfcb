import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/http.js';
import type { ChatRequest, ModelsResponse, RoutingDecision } from '../api/types.js';
import { AnswerBody, AnswerStats } from '../components/answer-view.js';
import { ModelPicker } from '../components/model-picker.js';
import { RoutingDecisionView } from '../components/routing-decision-view.js';
import { useCatalog } from '../components/use-catalog.js';
import { useStream } from '../components/use-stream.js';

const MIN_MODELS = 2;
const MAX_MODELS = 4;

interface Run {
  id: number;
  prompt: string;
  maxOutputTokens: number;
}

function requestFor(model: string, run: Run): ChatRequest {
  return {
    model,
    messages: [{ role: 'user', content: run.prompt }],
    maxOutputTokens: run.maxOutputTokens,
    tags: ['source:playground-compare'],
  };
}

/** One compared model: streams the run's prompt when a new run starts, stops on request. */
function Column({
  model,
  run,
  stopCount,
  testId = 'compare-column',
  children,
}: {
  model: string;
  run: Run | undefined;
  stopCount: number;
  testId?: string;
  children?: ComponentChildren;
}) {
  const { state, start, stop } = useStream();
  useEffect(() => {
    if (run && model) start(requestFor(model, run));
  }, [run?.id]);
  useEffect(() => {
    if (stopCount > 0) stop();
  }, [stopCount]);
  return (
    <div class="column" data-testid={testId} data-model={model} data-status={state.status}>
      <header>
        <h3>{model || 'no model'}</h3>
        {state.status === 'streaming' && (
          <button type="button" class="small danger" onClick={stop}>
            Stop
          </button>
        )}
      </header>
      {children}
      <AnswerStats state={state} />
      <AnswerBody state={state} />
    </div>
  );
}

function defaultModels(catalog: ModelsResponse | undefined): string[] {
  if (!catalog) return [];
  const byProvider = new Map<string, string>();
  for (const model of catalog.models) {
    if (model.configured && !byProvider.has(model.provider))
      byProvider.set(model.provider, model.id);
  }
  return [...byProvider.values()].slice(0, MAX_MODELS);
}

/**
 * One prompt to 2–4 models at once, plus the router's pick for the same prompt. The compared
 * models live in the URL (`?models=a,b,c`), so a comparison can be shared.
 */
export function ComparePage() {
  const location = useLocation();
  const { catalog } = useCatalog();
  const fromUrl = (location.query['models'] ?? '').split(',').filter(Boolean).slice(0, MAX_MODELS);
  const [prompt, setPrompt] = useState(location.query['prompt'] ?? '');
  const [maxTokens, setMaxTokens] = useState('256');
  const [route, setRoute] = useState('');
  const [run, setRun] = useState<Run | undefined>();
  const [stopCount, setStopCount] = useState(0);
  const [decision, setDecision] = useState<RoutingDecision | undefined>();
  const [decisionError, setDecisionError] = useState<string | undefined>();

  const models = fromUrl.length > 0 ? fromUrl : defaultModels(catalog);
  const setModels = (next: string[]) => {
    const query = new URLSearchParams(location.query);
    query.set('models', next.join(','));
    location.route(
      `/compare?${query.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')}`,
      true,
    );
  };

  useEffect(() => {
    if (!route && catalog?.routes[0]) setRoute(catalog.routes[0].id);
  }, [catalog]);

  const compare = (event: Event) => {
    event.preventDefault();
    const text = prompt.trim();
    if (!text || models.length < MIN_MODELS) return;
    const next: Run = {
      id: (run?.id ?? 0) + 1,
      prompt: text,
      maxOutputTokens: Number(maxTokens) || 256,
    };
    setRun(next);
    setDecision(undefined);
    setDecisionError(undefined);
    if (fromUrl.length === 0) setModels(models);
    if (route) {
      api.decide(requestFor(route, next)).then(
        (answer) => setDecision(answer.decision),
        (error: unknown) =>
          setDecisionError(error instanceof Error ? error.message : String(error)),
      );
    }
  };

  return (
    <section class="page compare-page">
      <form class="compare-form" onSubmit={compare}>
        <div class="model-row">
          {models.map((model, position) => (
            <div class="model-slot" key={position}>
              <ModelPicker
                catalog={catalog}
                value={model}
                label={`Model ${position + 1}`}
                onChange={(id) =>
                  setModels(models.map((old, index) => (index === position ? id : old)))
                }
              />
              {models.length > MIN_MODELS && (
                <button
                  type="button"
                  class="small"
                  aria-label={`remove ${model}`}
                  onClick={() => setModels(models.filter((_, index) => index !== position))}
                >
                  ✕
                </button>
              )}
            </div>
          ))}
          {models.length < MAX_MODELS && catalog && (
            <button
              type="button"
              class="small"
              onClick={() => {
                const unused = catalog.models.find(
                  (entry) => entry.configured && !models.includes(entry.id),
                );
                if (unused) setModels([...models, unused.id]);
              }}
            >
              + model
            </button>
          )}
        </div>
        <div class="row">
          <label class="field-label grow">
            Prompt
            <textarea
              rows={2}
              value={prompt}
              onInput={(event) => setPrompt(event.currentTarget.value)}
              data-testid="compare-prompt"
            />
          </label>
          <label class="field-label">
            Router
            <select value={route} onChange={(event) => setRoute(event.currentTarget.value)}>
              {catalog?.routes.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.id}
                </option>
              ))}
            </select>
          </label>
          <label class="field-label narrow">
            Max tokens
            <input
              type="number"
              min="1"
              value={maxTokens}
              onInput={(event) => setMaxTokens(event.currentTarget.value)}
            />
          </label>
        </div>
        <div class="actions">
          <button
            type="submit"
            class="primary"
            disabled={!prompt.trim() || models.length < MIN_MODELS}
            data-testid="compare-run"
          >
            Compare
          </button>
          <button type="button" onClick={() => setStopCount((count) => count + 1)} disabled={!run}>
            Stop all
          </button>
        </div>
      </form>
      <div class="columns" style={{ '--columns': String(models.length + (route ? 1 : 0)) }}>
        {models.map((model, position) => (
          <Column key={`${position}-${model}`} model={model} run={run} stopCount={stopCount} />
        ))}
        {route && (
          <div class="router-column" data-testid="router-column">
            <Column model={route} run={run} stopCount={stopCount} testId="router-answer">
              {decision && <RoutingDecisionView decision={decision} />}
              {decisionError && <p class="error">router: {decisionError}</p>}
              {!decision && !decisionError && (
                <p class="hint">The router's pick appears when you compare.</p>
              )}
            </Column>
          </div>
        )}
      </div>
    </section>
  );
}
