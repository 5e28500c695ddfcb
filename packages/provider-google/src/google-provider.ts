import { GoogleGenAI } from '@google/genai';
import {
  FusedStream,
  InvalidRequestError,
  type Provider,
  type ProviderChatResult,
  type ProviderRequest,
  scrubErrorSecrets,
  TimeoutError,
} from '@stratum/core';
import { loadApiKey } from '@stratum/core/provider-kit';
import { convertGeminiResponse } from './convert-gemini-response.js';
import { type CallSignal, createGeminiCallSignal } from './create-gemini-call-signal.js';
import { createGeminiStreamStage } from './gemini-stream.js';
import { mapGeminiError } from './map-gemini-error.js';
import { prepareGeminiRequest } from './prepare-gemini-request.js';
import { ThoughtSignatureStore } from './thought-signature-store.js';

export interface GoogleProviderSettings {
  /**
   * Gemini API key. Defaults to `GOOGLE_API_KEY`, then `GEMINI_API_KEY`, read at the first
   * call. It is sent in the `x-goog-api-key` header, never in the URL.
   */
  apiKey?: string;
  /**
   * The Gemini API origin, default `https://generativelanguage.googleapis.com`. A path
   * ending in an API version (`…/v1beta`, `…/v1`) selects that version; the default is v1beta.
   */
  baseURL?: string;
  /** Extra headers on every request (a proxy's auth, tracing). */
  headers?: Record<string, string>;
  /** Fails each call that takes longer with a TimeoutError; a request's own `timeoutMs` also applies. */
  timeoutMs?: number;
  /** The provider's name in model ids (default `google`). */
  name?: string;
}

const DEFAULT_API_VERSION = 'v1beta';

/** Splits `https://host/v1beta` into the SDK's `baseUrl` and `apiVersion`. */
function resolveEndpoint(baseURL: string | undefined): { baseUrl?: string; apiVersion: string } {
  if (!baseURL) return { apiVersion: DEFAULT_API_VERSION };
  const trimmed = baseURL.replace(/\/+$/, '');
  const version = /\/(v\d+(?:alpha|beta)?\d*)$/.exec(trimmed);
  return version?.[1]
    ? { baseUrl: trimmed.slice(0, -version[0].length), apiVersion: version[1] }
    : { baseUrl: trimmed, apiVersion: DEFAULT_API_VERSION };
}

/**
 * A Stratum provider for the Gemini API, on Google's `@google/genai` SDK. The SDK's retries
 * stay off (it retries only when `retryOptions` is set, which this provider never does) and
 * so does its automatic continuation: one Stratum attempt is one HTTP request.
 */
export function createGoogle(settings: GoogleProviderSettings = {}): Provider {
  const name = settings.name ?? 'google';
  const signatures = new ThoughtSignatureStore();
  let client: { sdk: GoogleGenAI; apiKey: string } | undefined;

  const connect = () => {
    if (client) return client;
    const apiKey = loadApiKey({
      provider: name,
      apiKey: settings.apiKey,
      environmentVariable: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
    });
    const { baseUrl, apiVersion } = resolveEndpoint(settings.baseURL);
    const sdk = new GoogleGenAI({
      apiKey,
      // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends.
      vertexai: false,
      apiVersion,
      httpOptions: {
        ...(baseUrl ? { baseUrl } : {}),
        ...(settings.headers ? { headers: settings.headers } : {}),
      },
    });
    client = { sdk, apiKey };
    return client;
  };

  const failure = (error: unknown, call: CallSignal | undefined, model: string, apiKey: string) => {
    if (InvalidRequestError.is(error) && error.provider === undefined) {
      // Raised while converting the request: name the provider and model it was meant for.
      return new InvalidRequestError(error.message, { provider: name, model, cause: error });
    }
    if (call?.timedOut()) {
      return new TimeoutError(
        `${name} (${model}) did not finish within ${settings.timeoutMs} ms (createGoogle timeoutMs). Raise timeoutMs, or retry.`,
        { provider: name, model, cause: error },
      );
    }
    // The SDK error kept as `cause` holds the vendor's raw message, which may echo the key.
    return scrubErrorSecrets(mapGeminiError(error, { provider: name, model, secret: apiKey }), [
      apiKey,
    ]);
  };

  return {
    name,

    async chat(request: ProviderRequest): Promise<ProviderChatResult> {
      const { sdk, apiKey } = connect();
      let call: CallSignal | undefined;
      try {
        const prepared = prepareGeminiRequest(request, signatures);
        call = createGeminiCallSignal(request.signal, settings.timeoutMs);
        const response = await sdk.models.generateContent({
          model: request.model,
          contents: prepared.contents,
          config: { ...prepared.config, abortSignal: call.signal },
        });
        return convertGeminiResponse(response, {
          provider: name,
          model: request.model,
          signatures,
          warnings: prepared.warnings,
          includeRaw: request.includeRaw,
        });
      } catch (error) {
        throw failure(error, call, request.model, apiKey);
      } finally {
        call?.dispose();
      }
    },

    stream(request: ProviderRequest) {
      const { sdk, apiKey } = connect();
      const prepared = prepareGeminiRequest(request, signatures);
      const call = createGeminiCallSignal(request.signal, settings.timeoutMs);
      const stage = createGeminiStreamStage({
        provider: name,
        model: request.model,
        signatures,
        includeRaw: request.includeRaw,
        warnings: prepared.warnings,
      });
      let finished = false;
      return FusedStream.from(
        () =>
          sdk.models.generateContentStream({
            model: request.model,
            contents: prepared.contents,
            config: { ...prepared.config, abortSignal: call.signal },
          }),
        {
          item: stage.item,
          end(emit) {
            stage.end?.(emit);
            finished = true;
          },
          error: (error) => failure(error, call, request.model, apiKey),
          close() {
            // A stream left early or failed still holds its HTTP request: close it.
            if (!finished) call.abort();
            call.dispose();
          },
        },
      );
    },
  };
}

/** The default instance: the key comes from GOOGLE_API_KEY or GEMINI_API_KEY at the first call. */
export const google: Provider = createGoogle();
