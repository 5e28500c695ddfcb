import { type Client, listModels, type ModelInfo, nearestIds } from '@stratum/core';
import type { Router } from '@stratum/router';
import type { Hono } from 'hono';
import { GatewayError } from '../errors/gateway-error.js';

/** The catalog models whose provider this gateway has, in OpenAI's model object shape. */
export function configuredModels(client: Client): ModelInfo[] {
  return listModels().filter((model) => client.providers.has(model.provider));
}

function openAIModel(model: ModelInfo): Record<string, unknown> {
  return { id: model.id, object: 'model', created: 0, owned_by: model.provider };
}

/** A route is called like a model, so OpenAI clients that list models see it. */
function openAIRoute(id: string): Record<string, unknown> {
  return { id, object: 'model', created: 0, owned_by: 'stratum-router' };
}

/** `GET /v1/models` and `GET /v1/models/{id}` (https://platform.openai.com/docs/api-reference/models). */
export function addModelsRoutes(app: Hono, client: Client, router?: Router): void {
  const routes = router?.routes ?? [];
  app.get('/v1/models', (context) => {
    // A key limited to some models lists only those, as OpenAI lists a project's models.
    const allowed = context.get('callerKey')?.allowedModels;
    const mayUse = (id: string) => allowed === undefined || allowed.has(id);
    return context.json({
      object: 'list',
      data: [
        ...routes.filter(mayUse).map(openAIRoute),
        ...configuredModels(client)
          .filter((model) => mayUse(model.id))
          .map(openAIModel),
      ],
    });
  });
  app.get('/v1/models/:id{.+}', (context) => {
    const id = context.req.param('id');
    if (routes.includes(id)) return context.json(openAIRoute(id));
    const models = configuredModels(client);
    const model = models.find((each) => each.id === id);
    if (model) return context.json(openAIModel(model));
    const configured = new Set(models.map((each) => each.id));
    const close = nearestIds(id, 10)
      .filter((each) => configured.has(each))
      .slice(0, 3);
    throw new GatewayError(
      `The model ${id} does not exist on this gateway.${close.length > 0 ? ` Close ids: ${close.join(', ')}.` : ''}`,
      { status: 404, type: 'not_found_error', code: 'model_not_found', param: 'model' },
    );
  });
}
