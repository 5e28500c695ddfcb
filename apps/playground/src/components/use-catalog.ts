import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.js';
import type { ModelsResponse } from '../api/types.js';

let loading: Promise<ModelsResponse> | undefined;

/** The gateway's catalog and routes, fetched once per page load and shared by every page. */
export function useCatalog(): { catalog: ModelsResponse | undefined; error: string | undefined } {
  const [catalog, setCatalog] = useState<ModelsResponse | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    loading ??= api.models();
    loading.then(setCatalog, (failure: unknown) => {
      loading = undefined;
      setError(failure instanceof Error ? failure.message : String(failure));
    });
  }, []);
  return { catalog, error };
}
