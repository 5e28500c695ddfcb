import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, request } from 'undici';
import { decodeContent } from './decode-content.js';

export interface UpstreamFetchOptions {
  /** Connections kept open per vendor origin (default: as many as the calls in flight). */
  connections?: number;
  /** How long an idle connection to a vendor stays open (default 10 s). */
  keepAliveTimeoutMs?: number;
}

/** A `fetch` for the vendor SDKs behind a gateway, with `close()` for its connection pool. */
export interface UpstreamFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes the pooled connections; calls made afterwards fail. */
  close(): Promise<void>;
}

/** Responses that carry no body by definition (https://fetch.spec.whatwg.org/#null-body-status). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The `fetch` the gateway hands to the vendor SDKs (`fetch` in every provider's settings).
 *
 * The global `fetch` runs the whole WHATWG fetch algorithm for each call: a `Request`, header
 * validation, a controller per call. Behind a gateway that is most of an upstream call's CPU time
 * (on a zero-delay mock, about 400 µs per call against about 100 µs for undici's `request`, see
 * docs/benchmarks.md). This sends what the SDKs send (a URL, plain headers, a string or byte body)
 * through undici's `request` on a pooled agent and answers with a real `Response`, so the SDKs
 * see what `fetch` gives them: the status, the headers, a streaming body, decoded content, the
 * signal's reason when aborted and a `TypeError` when the network fails. Anything else (a
 * `Request` object, a streamed or form body, a redirect to follow) goes to the global `fetch`.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions = {}): UpstreamFetch {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  const upstreamFetch = async (
    input: string | URL | Request,
    init: RequestInit = {},
  ): Promise<Response> => {
    const body = plainBody(init.body);
    if (input instanceof Request || body === undefined || init.redirect === 'manual')
      return fetch(input, init);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const method = (init.method ?? 'GET').toUpperCase();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(input, {
        method,
        headers: requestHeaders(init.headers),
        body,
        signal,
        dispatcher: agent,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
    const status = response.statusCode;
    if (REDIRECT_STATUSES.has(status) && init.redirect !== 'error') {
      await response.body.dump();
      return fetch(input, init);
    }
    const headers = responseHeaders(response.headers);
    if (NULL_BODY_STATUSES.has(status) || method === 'HEAD') {
      await response.body.dump();
      return new Response(null, { status, headers });
    }
    const content = decodeContent(response.body, headers.get('content-encoding'));
    if (content !== response.body) {
      headers.delete('content-encoding');
      headers.delete('content-length');
    }
    return new Response(webStream(content), { status, headers });
  };
  return Object.assign(upstreamFetch, { close: () => agent.close() });
}

/** The body as undici can send it, `null` for none, or `undefined` when only `fetch` can. */
function plainBody(body: RequestInit['body']): string | Uint8Array | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return undefined;
}

/**
 * The headers as undici's flat name, value list. The SDKs pass a `Headers`; other shapes are
 * normalised the way `fetch` does.
 */
function requestHeaders(headers: RequestInit['headers']): string[] | null {
  if (headers === undefined) return null;
  const flat: string[] = [];
  const normalised = headers instanceof Headers ? headers : new Headers(headers);
  normalised.forEach((value, name) => {
    flat.push(name, value);
  });
  return flat;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (typeof value === 'string') headers.append(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/** A Node stream as the web stream a `Response` body is; cancelling it destroys the source. */
function webStream(readable: Readable): ReadableStream<Uint8Array> {
  const chunks: AsyncIterator<unknown> = readable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else if (next.value instanceof Uint8Array) controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
