import { useMemo, useState } from 'preact/hooks';
import type { ModelEntry, ModelsResponse } from '../api/types.js';
import { formatPerMillion, formatTokens } from '../format.js';

interface Props {
  catalog: ModelsResponse | undefined;
  value: string;
  onChange: (id: string) => void;
  label?: string;
  testId?: string;
}

const MAX_SHOWN = 40;

function capabilityBadges(model: ModelEntry): string[] {
  const { tools, vision, structuredOutput, reasoning } = model.capabilities;
  return [
    tools ? 'tools' : '',
    vision ? 'vision' : '',
    structuredOutput ? 'json' : '',
    reasoning ? 'reasoning' : '',
  ].filter(Boolean);
}

/**
 * A searchable model list: routes first, then catalog models matching every word typed
 * (id, provider or name), configured providers before the rest.
 */
export function ModelPicker({ catalog, value, onChange, label = 'Model', testId }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);

  const matches = useMemo(() => {
    if (!catalog) return { routes: [], models: [] };
    const hit = (text: string) => words.every((word) => text.toLowerCase().includes(word));
    const routes = catalog.routes.filter((route) => hit(`${route.id} route ${route.strategy}`));
    const models = catalog.models
      .filter((model) => hit(`${model.id} ${model.provider} ${model.name}`))
      .sort((a, b) => Number(b.configured) - Number(a.configured) || a.id.localeCompare(b.id));
    return { routes, models };
  }, [catalog, words.join(' ')]);

  const choose = (id: string) => {
    onChange(id);
    setQuery('');
    setOpen(false);
  };

  return (
    <div class="picker" data-testid={testId}>
      <label class="field-label">
        {label}
        <input
          type="search"
          class="picker-input"
          placeholder={value || 'search models'}
          value={open ? query : value}
          onFocus={() => setOpen(true)}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setOpen(true);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
            if (event.key === 'Enter') {
              const first = matches.routes[0]?.id ?? matches.models[0]?.id;
              if (first) choose(first);
            }
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          aria-label={label}
        />
      </label>
      {open && (
        <ul class="picker-list">
          {matches.routes.map((route) => (
            <li key={route.id}>
              <button type="button" class="picker-option" onMouseDown={() => choose(route.id)}>
                <span class="option-id">{route.id}</span>
                <span class="badge route">route · {route.strategy}</span>
                <span class="option-meta">{route.candidates.length} candidates</span>
              </button>
            </li>
          ))}
          {matches.models.slice(0, MAX_SHOWN).map((model) => (
            <li key={model.id}>
              <button
                type="button"
                class={`picker-option${model.configured ? '' : ' unconfigured'}`}
                onMouseDown={() => choose(model.id)}
                title={model.configured ? model.name : `${model.name} (provider not configured)`}
              >
                <span class="option-id">{model.id}</span>
                <span class="option-meta">
                  {model.provider} · in {formatPerMillion(model.inputUsdPerMillion)} / out{' '}
                  {formatPerMillion(model.outputUsdPerMillion)} per 1M ·{' '}
                  {formatTokens(model.contextWindow)} context
                </span>
                <span class="badges">
                  {capabilityBadges(model).map((badge) => (
                    <span key={badge} class="badge">
                      {badge}
                    </span>
                  ))}
                </span>
              </button>
            </li>
          ))}
          {matches.models.length > MAX_SHOWN && (
            <li class="picker-more">{matches.models.length - MAX_SHOWN} more: type to narrow</li>
          )}
          {matches.models.length === 0 && matches.routes.length === 0 && (
            <li class="picker-more">no model matches</li>
          )}
        </ul>
      )}
    </div>
  );
}
