import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '@stratum/core';
import type { Context, Hono } from 'hono';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayKey, GatewayOptions } from '../gateway-options.js';
import { keyRateLimiter } from './key-rate-limit.js';

/** A configured key as the gateway keeps it: the digest only, never the key text. */
export interface CallerKey {
  id: string;
  digest: Buffer;
  allowedModels: ReadonlySet<string> | undefined;
  tags: readonly string[];
  requestsPerMinute: number | undefined;
}

declare module 'hono' {
  interface ContextVariableMap {
    callerKey: CallerKey | undefined;
  }
}

/** The SHA-256 of a key, hex: what `keys[].keyHash` holds. */
export function hashGatewayKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function toCallerKey(key: GatewayKey, index: number): CallerKey {
  const where = `createGateway: keys[${index}]`;
  if (typeof key.id !== 'string' || key.id === '') {
    throw new ConfigurationError(`${where}.id must be a non-empty string naming the caller.`);
  }
  if ((key.key === undefined) === (key.keyHash === undefined)) {
    throw new ConfigurationError(
      `${where} (${key.id}) needs exactly one of keyHash (SHA-256 hex, preferred) or key.`,
    );
  }
  const hex = key.keyHash ?? hashGatewayKey(key.key ?? '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new ConfigurationError(
      `${where} (${key.id}).keyHash must be 64 hex characters: the SHA-256 of the key, e.g. from hashGatewayKey(key).`,
    );
  }
  return {
    id: key.id,
    digest: Buffer.from(hex, 'hex'),
    allowedModels: key.allowedModels ? new Set(key.allowedModels) : undefined,
    tags: key.tags ?? [],
    requestsPerMinute: checkRate(key, where),
  };
}

function checkRate(key: GatewayKey, where: string): number | undefined {
  const rate = key.rateLimit?.requestsPerMinute;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw new ConfigurationError(
      `${where} (${key.id}).rateLimit.requestsPerMinute must be a positive number, e.g. 60.`,
    );
  }
  return rate;
}

const unauthorized = (message: string) =>
  new GatewayError(message, {
    status: 401,
    type: 'authentication_error',
    code: 'invalid_api_key',
    headers: { 'www-authenticate': 'Bearer' },
  });

/**
 * Checks `Authorization: Bearer <key>` on every `/v1` and `/api` path when keys are configured.
 * The presented key is hashed and compared with every configured digest in constant time, so
 * neither the answer nor its timing tells how close a guess was.
 */
export function addKeyAuth(
  app: Hono,
  options: Pick<GatewayOptions, 'keys' | 'rateLimitStore'>,
): void {
  if (options.keys === undefined) return;
  const callers = options.keys.map(toCallerKey);
  const limit = keyRateLimiter(options.rateLimitStore);
  const ids = new Set<string>();
  for (const caller of callers) {
    if (ids.has(caller.id)) {
      throw new ConfigurationError(`createGateway: two keys have the id "${caller.id}".`);
    }
    ids.add(caller.id);
  }
  const check = async (context: Context, next: () => Promise<void>) => {
    const header = context.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw unauthorized('Send a gateway API key as Authorization: Bearer <key>.');
    }
    const digest = createHash('sha256').update(match[1], 'utf8').digest();
    let found: CallerKey | undefined;
    for (const caller of callers) {
      if (timingSafeEqual(digest, caller.digest) && found === undefined) found = caller;
    }
    if (!found) throw unauthorized('The gateway API key is not valid.');
    await limit(found);
    context.set('callerKey', found);
    await next();
  };
  app.use('/v1/*', check);
  app.use('/api/*', check);
}

/**
 * The request as the caller's key may send it: refused (403) when the key may not use the
 * model, else tagged with the key's id and tags, and the gateway's request id so the tracker's
 * record of the call can be found from the response.
 */
export function asCaller<
  Request extends { model: string; tags?: string[]; metadata?: Record<string, unknown> },
>(context: Context, request: Request): Request {
  const requestId = context.res.headers.get('x-stratum-request-id') ?? undefined;
  return asKeyCaller(context.get('callerKey'), request, requestId);
}

/**
 * `asCaller` for a request that is not the HTTP request itself (each stream started on a
 * WebSocket, whose upgrade request carried the key): its own request id, the same key rules.
 */
export function asKeyCaller<
  Request extends { model: string; tags?: string[]; metadata?: Record<string, unknown> },
>(caller: CallerKey | undefined, request: Request, requestId: string | undefined): Request {
  if (caller?.allowedModels && !caller.allowedModels.has(request.model)) {
    throw new GatewayError(
      `The key ${caller.id} may not use the model ${request.model}; it may use: ${[...caller.allowedModels].join(', ')}.`,
      { status: 403, type: 'permission_error', code: 'model_not_allowed', param: 'model' },
    );
  }
  const tags = [...(request.tags ?? [])];
  if (requestId) tags.push(`requestId:${requestId}`);
  if (caller) tags.push(...caller.tags, `apiKeyId:${caller.id}`);
  const tagged = { ...request, tags };
  // Metadata strings become tags after `tags` do: a caller must not pose as another key.
  if (isStringRecord(tagged.metadata)) {
    const { apiKeyId: _key, requestId: _request, ...metadata } = tagged.metadata;
    tagged.metadata = metadata;
  }
  return tagged;
}

function isStringRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
