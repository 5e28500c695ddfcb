import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/http.js';
import type { ConnectionTest, ModelEntry, ProviderEntry } from '../api/types.js';
import { useCatalog } from '../components/use-catalog.js';
import { formatMs, formatPerMillion, formatTokens } from '../format.js';

type SortKey = 'id' | 'provider' | 'contextWindow' | 'inputUsdPerMillion' | 'outputUsdPerMillion';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'id', label: 'model' },
  { key: 'provider', label: 'provider' },
  { key: 'contextWindow', label: 'context' },
  { key: 'inputUsdPerMillion', label: 'input $/1M' },
  { key: 'outputUsdPerMillion', label: 'output $/1M' },
];

function compare(a: ModelEntry, b: ModelEntry, key: SortKey): number {
  const left = a[key];
  const right = b[key];
  return typeof left === 'number' && typeof right === 'number'
    ? left - right
    : String(left).localeCompare(String(right));
}

function ProviderRow({ provider }: { provider: ProviderEntry }) {
  const [result, setResult] = useState<ConnectionTest | undefined>();
  const [testing, setTesting] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const test = () => {
    setTesting(true);
    setFailure(undefined);
    api.testConnection(provider.name).then(
      (answer) => {
        setResult(answer);
        setTesting(false);
      },
      (error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
        setTesting(false);
      },
    );
  };
  return (
    <tr data-testid="provider-row" data-provider={provider.name}>
      <td>{provider.name}</td>
      <td>
        <span class={`badge ${provider.mode}`}>{provider.mode}</span>
      </td>
      <td>
        <button
          type="button"
          class="small"
          onClick={test}
          disabled={testing || !provider.configured}
        >
          {testing ? 'testing…' : 'Test connection'}
        </button>
      </td>
      <td data-testid="connection-result">
        {result?.ok && `ok · ${result.model} · ${formatMs(result.latencyMs)}`}
        {result && !result.ok && (
          <span class="error">
            {result.error?.code}: {result.error?.message}
          </span>
        )}
        {failure && <span class="error">{failure}</span>}
      </td>
    </tr>
  );
}

/** The catalog as a sortable, searchable table, and the providers this gateway has set up. */
export function ModelsPage() {
  const { catalog, error } = useCatalog();
  const [providers, setProviders] = useState<ProviderEntry[]>([]);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({
    key: 'provider',
    ascending: true,
  });
  const [filter, setFilter] = useState('');
  const [onlyConfigured, setOnlyConfigured] = useState(false);

  useEffect(() => {
    api.providers().then(
      (answer) => setProviders(answer.providers),
      () => setProviders([]),
    );
  }, []);

  const rows = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return (catalog?.models ?? [])
      .filter((model) => !onlyConfigured || model.configured)
      .filter((model) =>
        words.every((word) => `${model.id} ${model.name}`.toLowerCase().includes(word)),
      )
      .sort(
        (a, b) => (sort.ascending ? 1 : -1) * compare(a, b, sort.key) || a.id.localeCompare(b.id),
      );
  }, [catalog, sort, filter, onlyConfigured]);

  return (
    <section class="page models-page">
      <div class="panel">
        <h2>Providers</h2>
        <p class="hint">
          Keys are set on the server (environment or config); this page never sees them.
        </p>
        <table class="compact" data-testid="providers">
          <tbody>
            {providers
              .filter((provider) => provider.configured)
              .map((provider) => (
                <ProviderRow key={provider.name} provider={provider} />
              ))}
          </tbody>
        </table>
      </div>
      {catalog && catalog.routes.length > 0 && (
        <div class="panel">
          <h2>Routes</h2>
          <ul>
            {catalog.routes.map((route) => (
              <li key={route.id}>
                <code>{route.id}</code> ({route.strategy}): {route.candidates.join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="panel">
        <h2>Catalog</h2>
        {error && <p class="error">{error}</p>}
        <div class="toolbar">
          <input
            type="search"
            placeholder="filter models"
            value={filter}
            onInput={(event) => setFilter(event.currentTarget.value)}
            aria-label="filter models"
          />
          <label>
            <input
              type="checkbox"
              checked={onlyConfigured}
              onChange={(event) => setOnlyConfigured(event.currentTarget.checked)}
            />{' '}
            configured only
          </label>
          <span class="muted">{rows.length} models</span>
        </div>
        <div class="table-scroll">
          <table class="compact sortable" data-testid="catalog">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th
                    key={column.key}
                    aria-sort={
                      sort.key === column.key
                        ? sort.ascending
                          ? 'ascending'
                          : 'descending'
                        : 'none'
                    }
                  >
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        setSort({
                          key: column.key,
                          ascending: sort.key === column.key ? !sort.ascending : true,
                        })
                      }
                    >
                      {column.label}
                      {sort.key === column.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
                <th>capabilities</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((model) => (
                <tr key={model.id} class={model.configured ? '' : 'unconfigured'}>
                  <td>{model.id}</td>
                  <td>{model.provider}</td>
                  <td>{formatTokens(model.contextWindow)}</td>
                  <td>{formatPerMillion(model.inputUsdPerMillion)}</td>
                  <td>{formatPerMillion(model.outputUsdPerMillion)}</td>
                  <td>
                    {Object.entries(model.capabilities)
                      .filter(([, supported]) => supported)
                      .map(([name]) => name)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
