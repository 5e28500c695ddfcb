import type {
  ApiError,
  CallRecordJson,
  ChatRequest,
  ConnectionTest,
  ModelsResponse,
  ProviderEntry,
  RoutingDecision,
  SpendBucket,
  StatsResponse,
} from './types.js';

/** A failed API call, with the gateway's error code and message. */
export class GatewayError extends Error {
  constructor(readonly detail: ApiError) {
    super(detail.message);
    this.name = 'GatewayError';
  }
}

async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    const body: unknown = parseOrText(text);
    const error =
      typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    const detail: ApiError =
      typeof error === 'object' && error !== null && 'message' in error
        ? {
            status: response.status,
            code: 'code' in error ? String(error.code) : 'error',
            message: String(error.message),
          }
        : { status: response.status, code: 'http-error', message: `${path}: ${response.status}` };
    throw new GatewayError(detail);
  }
  // The gateway's contract fixes these shapes (types.ts); the page trusts its own server.
  const value: T = JSON.parse(text);
  return value;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  models: () => requestJson<ModelsResponse>('/api/models'),
  providers: () => requestJson<{ providers: ProviderEntry[] }>('/api/models/providers'),
  testConnection: (provider: string) =>
    requestJson<ConnectionTest>('/api/models/test', {
      method: 'POST',
      body: JSON.stringify({ provider }),
    }),
  stats: () => requestJson<StatsResponse>('/api/stats'),
  spend: (bucket: 'hour' | 'day', groupBy: 'provider' | 'model' | 'tag', from: Date) =>
    requestJson<{ buckets: SpendBucket[] }>(
      `/api/stats/spend?${new URLSearchParams({ bucket, groupBy, from: from.toISOString() })}`,
    ),
  calls: (limit: number) => requestJson<{ calls: CallRecordJson[] }>(`/api/calls?limit=${limit}`),
  decide: (request: ChatRequest) =>
    requestJson<{ decision: RoutingDecision }>('/api/route/decide', {
      method: 'POST',
      body: JSON.stringify(request),
    }),
};
