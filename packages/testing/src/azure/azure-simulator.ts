import { createOpenAIHandler, type OpenAISimulator } from '../openai/openai-simulator.js';
import { isObject, type JsonObject } from '../openai/render-openai-completion.js';
import { startHttpSimulator, type VendorHandler } from '../simulator/http-simulator.js';
import { pause, sendJson } from '../simulator/write-helpers.js';
import { AZURE_VIOLENCE_FILTER_RESULT, azureErrorBody, azureErrorHeaders } from './azure-errors.js';

const SAFE: Record<string, unknown> = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
};
const PROMPT_FILTER_RESULTS = [
  {
    prompt_index: 0,
    content_filter_results: { ...SAFE, jailbreak: { filtered: false, detected: false } },
  },
];
const DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

export interface AzureSimulatorOptions {
  /** Deployments that exist; others answer 404 `DeploymentNotFound`. By default every deployment exists. */
  deployments?: string[];
  /** A bearer token accepted instead of an `api-key` (Entra ID). By default every `Bearer` value is accepted. */
  acceptToken?: (token: string) => boolean;
}

/**
 * A local Azure OpenAI resource: `POST /openai/deployments/{deployment}/chat/completions
 * ?api-version=...` with an `api-key` header or an Entra ID bearer token, content-filter
 * annotations on every answer, and Azure's error bodies (content-filter `innererror`).
 * https://learn.microsoft.com/azure/ai-foundry/openai/reference
 */
export async function startAzureSimulator(
  options: AzureSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createAzureHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/openai` });
}

export function createAzureHandler(options: AzureSimulatorOptions = {}): VendorHandler {
  const base = createOpenAIHandler({
    pathPrefix: '/openai',
    headers: { 'apim-request-id': '9b1e0c2a-simulator', 'x-ms-region': 'Sweden Central' },
    decorateBody: (body) => ({
      ...body,
      prompt_filter_results: PROMPT_FILTER_RESULTS,
      choices: annotated(body['choices'], 'finish'),
    }),
    decorateChunk: (chunk) => ({ ...chunk, choices: annotated(chunk['choices'], 'chunk') }),
    decorateError: (body, status) => {
      const filtered = body.error.code === 'content_filter';
      return azureErrorBody(status, {
        message: body.error.message,
        ...(filtered ? { vendorCode: 'content_filter' } : {}),
      });
    },
  });

  return {
    defaultStep: (request) => base.defaultStep(request),
    async answerWithoutStep(exchange) {
      const { url, headers } = exchange.request;
      const [path = '', query = ''] = url.split('?');
      const deployment = DEPLOYMENT_PATH.exec(path)?.[1];
      if (exchange.request.method === 'POST' && deployment !== undefined) {
        if (!new URLSearchParams(query).get('api-version')) {
          sendJson(exchange, 404, { error: { code: '404', message: 'Resource not found' } });
          return true;
        }
        const token = headers['authorization']?.match(/^Bearer (.+)$/)?.[1];
        const authorized =
          headers['api-key'] !== undefined ||
          (token !== undefined && (options.acceptToken?.(token) ?? true));
        if (!authorized) {
          sendJson(exchange, 401, azureErrorBody(401));
          return true;
        }
        if (options.deployments && !options.deployments.includes(decodeURIComponent(deployment))) {
          sendJson(exchange, 404, azureErrorBody(404));
          return true;
        }
      }
      return (await base.answerWithoutStep?.(exchange)) ?? false;
    },
    async handle(exchange, step) {
      if (step.kind !== 'error') return base.handle(exchange, step);
      await pause(exchange, step.delayMs);
      sendJson(exchange, step.status, azureErrorBody(step.status, step), {
        ...azureErrorHeaders(step.status),
        ...step.headers,
      });
    },
  };
}

/** Adds Azure's per-choice `content_filter_results` (flagged when the choice was filtered). */
function annotated(choices: unknown, kind: 'finish' | 'chunk'): unknown {
  if (!Array.isArray(choices)) return choices;
  return choices.map((choice: unknown) => {
    if (!isObject(choice)) return choice;
    const filtered = choice['finish_reason'] === 'content_filter';
    const results: JsonObject = filtered
      ? AZURE_VIOLENCE_FILTER_RESULT
      : kind === 'chunk' && choice['finish_reason']
        ? {}
        : SAFE;
    return { ...choice, content_filter_results: results };
  });
}
