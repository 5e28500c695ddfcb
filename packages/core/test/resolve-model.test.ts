import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  findModelsByName,
  firstPartyProvider,
  ModelNotFoundError,
  nearestIds,
  registerModel,
  resolveModel,
  unregisterModel,
} from '../src/index.js';
import { createFakeProvider } from './helpers/fake-provider.js';

function caught(run: () => unknown): ModelNotFoundError {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelNotFoundError) return error;
    throw error;
  }
  throw new Error('expected a ModelNotFoundError');
}

afterEach(() => {
  unregisterModel('vllm/house-llama');
  unregisterModel('acme/shared-model');
  unregisterModel('other/shared-model');
});

describe('resolveModel', () => {
  it('takes provider/model and keeps the rest as the vendor name', () => {
    expect(resolveModel('anthropic/claude-sonnet-4-5')).toMatchObject({
      id: 'anthropic/claude-sonnet-4-5',
      provider: 'anthropic',
      name: 'claude-sonnet-4-5',
      info: { id: 'anthropic/claude-sonnet-4-5' },
    });
    const openrouter = resolveModel('openrouter/meta-llama/llama-3.3-70b-instruct');
    expect(openrouter).toMatchObject({
      id: 'openrouter/meta-llama/llama-3.3-70b-instruct',
      provider: 'openrouter',
      name: 'meta-llama/llama-3.3-70b-instruct',
    });
  });

  it('resolves models the catalog lacks under a known provider, with no info', () => {
    expect(resolveModel('openai/gpt-9-preview')).toEqual({
      id: 'openai/gpt-9-preview',
      provider: 'openai',
      name: 'gpt-9-preview',
      info: undefined,
    });
  });

  it('sends a dated alias to the vendor as written, with the undated entry as info', () => {
    expect(resolveModel('claude-sonnet-4-5-20250929')).toMatchObject({
      id: 'anthropic/claude-sonnet-4-5-20250929',
      name: 'claude-sonnet-4-5-20250929',
      info: { id: 'anthropic/claude-sonnet-4-5' },
    });
    expect(resolveModel('anthropic/claude-sonnet-4-5-20250929').info?.id).toBe(
      'anthropic/claude-sonnet-4-5',
    );
  });

  it.each([
    ['gpt-4.1-mini', 'openai'],
    ['o4-mini', 'openai'],
    ['claude-haiku-4-5', 'anthropic'],
    ['gemini-2.5-pro', 'google'],
    ['grok-4', 'xai'],
    ['deepseek-chat', 'deepseek'],
    ['mistral-large-2411', 'mistral'],
    ['command-r-plus', 'cohere'],
    ['llama-3.3-70b-versatile', 'groq'],
  ])('resolves bare %s to %s', (id, provider) => {
    const resolved = resolveModel(id);
    expect(resolved.provider).toBe(provider);
    expect(resolved.name).toBe(id);
    expect(resolved.info?.pricing).toBeDefined();
  });

  it('applies the first-party rule to bare ids that Azure or OpenRouter also serve', () => {
    // The catalog lists gpt-4.1-mini under both openai and azure; OpenAI makes it.
    const owners = findModelsByName('gpt-4.1-mini').map((model) => model.provider);
    expect(owners).toEqual(expect.arrayContaining(['azure', 'openai']));
    expect(resolveModel('gpt-4.1-mini').id).toBe('openai/gpt-4.1-mini');
    // command-r-plus: cohere and azure.
    expect(findModelsByName('command-r-plus').map((model) => model.provider)).toContain('azure');
    expect(resolveModel('command-r-plus').id).toBe('cohere/command-r-plus');
    // Without a maker prefix, the one provider that is not a host wins.
    registerModel({ id: 'acme/shared-model', pricing: { input: 1, output: 1 } });
    registerModel({ id: 'openrouter/shared-model', pricing: { input: 2, output: 2 } });
    expect(firstPartyProvider('shared-model', findModelsByName('shared-model'))).toBe('acme');
    unregisterModel('openrouter/shared-model');
  });

  it('calls a bare id ambiguous when two first parties serve it, naming both', () => {
    registerModel({ id: 'acme/shared-model', pricing: { input: 1, output: 1 } });
    registerModel({ id: 'other/shared-model', pricing: { input: 1, output: 1 } });
    const error = caught(() => resolveModel('shared-model'));
    expect(error.message).toMatch(/ambiguous/);
    expect(error.suggestions).toEqual(['acme/shared-model', 'other/shared-model']);
  });

  it('raises ModelNotFoundError for an unknown bare id, suggesting the closest ids', () => {
    const error = caught(() => resolveModel('gpt-4.1-mnii'));
    expect(error.suggestions[0]).toBe('openai/gpt-4.1-mini');
    expect(error.message).toContain('Did you mean "openai/gpt-4.1-mini"');
    expect(error.message).toContain('write "openai/gpt-4.1-mnii"');
    // Hosts' vendor/model names are matched by their last segment.
    expect(caught(() => resolveModel('gpt-oss-120b')).suggestions).toEqual(
      expect.arrayContaining(['groq/openai/gpt-oss-120b', 'openrouter/openai/gpt-oss-120b']),
    );
    expect(caught(() => resolveModel('claude-sonet-4-5')).suggestions).toContain(
      'anthropic/claude-sonnet-4-5',
    );
  });

  it('says when a provider prefix is not a provider of the client', () => {
    const error = caught(() => resolveModel('acmeai/some-model'));
    expect(error.message).toContain('"acmeai" is not a provider of this client');
  });

  it('suggests nothing far-fetched', () => {
    expect(nearestIds('zzzzzzzzzzzzzzzzzz')).toEqual([]);
  });

  it('resolves caller aliases first', () => {
    const resolved = resolveModel('fast', { aliases: { fast: 'claude-haiku-4-5' } });
    expect(resolved.id).toBe('anthropic/claude-haiku-4-5');
  });

  it('resolves registered models by name and alias', () => {
    registerModel({ id: 'vllm/house-llama', local: true, aliases: ['llama-in-house'] });
    expect(resolveModel('llama-in-house')).toMatchObject({
      id: 'vllm/llama-in-house',
      provider: 'vllm',
      info: { id: 'vllm/house-llama' },
    });
    expect(resolveModel('vllm/house-llama').info?.local).toBe(true);
  });

  it('sends a registered model under its vendor name (an Azure deployment)', () => {
    registerModel({
      id: 'azure/prod-chat',
      name: 'prod-gpt-4o-deployment',
      pricing: { input: 2.5, output: 10 },
    });
    expect(resolveModel('azure/prod-chat')).toMatchObject({
      id: 'azure/prod-chat',
      name: 'prod-gpt-4o-deployment',
    });
    unregisterModel('azure/prod-chat');
  });

  it('routes fine-tunes to their maker and prices them as the catalog fine-tune entry', () => {
    const resolved = resolveModel('ft:gpt-4o-2024-08-06:acme::abc123');
    expect(resolved).toMatchObject({
      provider: 'openai',
      name: 'ft:gpt-4o-2024-08-06:acme::abc123',
      info: { id: 'openai/ft:gpt-4o-2024-08-06', pricing: { input: 3.75, output: 15 } },
    });
  });

  it('hands any bare id to a client whose single provider the catalog does not know', () => {
    const providers = new Map([['my-vllm', createFakeProvider({ name: 'my-vllm' })]]);
    expect(resolveModel('qwen3-8b', { providers })).toMatchObject({
      id: 'my-vllm/qwen3-8b',
      info: undefined,
    });
    // …but a catalog provider never swallows typos.
    const openai = new Map([['openai', createFakeProvider({ name: 'openai' })]]);
    expect(() => resolveModel('gpt-4.1-mnii', { providers: openai })).toThrow(ModelNotFoundError);
  });

  it('uses the provider’s own lookup for models the catalog lacks', () => {
    const provider = {
      ...createFakeProvider({ name: 'ollama' }),
      resolveModelInfo: (name: string) => ({
        id: `ollama/${name}`,
        provider: 'ollama',
        name,
        pricing: { input: 0, output: 0 },
        local: true,
        capabilities: {
          tools: false,
          vision: false,
          jsonOutput: false,
          structuredOutput: false,
          reasoning: false,
          promptCaching: false,
          pdfInput: false,
        },
        source: 'registered' as const,
      }),
    };
    const resolved = resolveModel('ollama/qwen3:8b', {
      providers: new Map([['ollama', provider]]),
    });
    expect(resolved.info?.local).toBe(true);
  });

  it('rejects an empty model id with a ConfigurationError', () => {
    expect(() => resolveModel('  ')).toThrow(ConfigurationError);
    expect(() => resolveModel('')).toThrow(/Set model to an id such as/);
  });
});
