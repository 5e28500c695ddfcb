/** One server under load: where to send the same chat request, and how to address the model. */
export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  model: string;
  /** The process serving it, whose CPU time a run is charged. */
  pid?: number | undefined;
}

export const UPSTREAM_KEY = 'bench-upstream-key';
/** Words (one chunk each) in the mock's streamed reply. */
export const STREAM_WORDS = 50;

/** The OpenAI Chat Completions body every target gets; only the model id's spelling differs. */
export function chatBody(target: Target, stream: boolean): string {
  return JSON.stringify({
    model: target.model,
    messages: [{ role: 'user', content: 'Say hi' }],
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

/** The mock itself: the baseline every added latency is measured from. */
export function directTarget(mockBaseURL: string, pid?: number): Target {
  return {
    pid,
    name: 'direct to mock',
    url: `${mockBaseURL}/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` },
    model: 'gpt-4.1-mini',
  };
}

export function stratumTarget(gatewayURL: string, pid?: number): Target {
  return {
    pid,
    name: 'Stratum gateway',
    url: `${gatewayURL}/v1/chat/completions`,
    headers: { 'content-type': 'application/json' },
    model: 'openai/gpt-4.1-mini',
  };
}

/** A bare Hono + `fetch` forwarder: the floor under both gateways' cost. */
export function passThroughTarget(url: string, pid?: number): Target {
  return {
    ...directTarget('', pid),
    name: 'pass-through floor',
    url: `${url}/v1/chat/completions`,
  };
}

/** Portkey's documented headers for an OpenAI-compatible upstream at a custom host. */
export function portkeyTarget(gatewayURL: string, mockBaseURL: string, pid?: number): Target {
  return {
    pid,
    name: 'Portkey gateway 1.15.2',
    url: `${gatewayURL}/v1/chat/completions`,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${UPSTREAM_KEY}`,
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': mockBaseURL,
    },
    model: 'gpt-4.1-mini',
  };
}
