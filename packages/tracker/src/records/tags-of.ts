import type { ChatRequest } from '@stratum/core';
import { isSecretField, redactString } from '@stratum/middleware';

/**
 * The tags of a call, as key → value: every string, number or boolean in `request.metadata`
 * (`{ user: 'alice', team: 'search', apiKeyId: 'key_12' }`), and every `request.tags` entry,
 * `key:value` split at the first colon and a bare `label` kept as `label: 'true'`.
 * A field named like a secret (`apiKey`, `authorization`) is never kept, and key-shaped text
 * in values is redacted: records hold an API key's id, never the key.
 */
export function tagsOf(request: ChatRequest): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const entry of request.tags ?? []) {
    const colon = entry.indexOf(':');
    const key = colon > 0 ? entry.slice(0, colon) : entry;
    if (key === '' || isSecretField(key)) continue;
    tags[key] = colon > 0 ? redactString(entry.slice(colon + 1)) : 'true';
  }
  for (const [key, value] of Object.entries(request.metadata ?? {})) {
    if (isSecretField(key)) continue;
    if (typeof value === 'string') tags[key] = redactString(value);
    else if (typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
  }
  return tags;
}
