import { type ChatResponse, createClient, type Message, type Provider } from '@stratum/core';
import { fallback } from '@stratum/middleware';

/** Tried in this order: the first is the request's model, the others the fallback chain. */
export const CHAIN = [
  'openai/gpt-4.1-mini',
  'anthropic/claude-haiku-4-5',
  'google/gemini-2.5-flash',
] as const;

export interface FallbackChat {
  /** Sends the question with the conversation so far; the answer joins the conversation. */
  ask(question: string): Promise<ChatResponse>;
}

export function createFallbackChat(providers: Provider[]): FallbackChat {
  const [primary, ...fallbackModels] = CHAIN;
  const client = createClient({
    providers,
    // Add retry() after fallback to retry a blip on the same vendor before moving on.
    middleware: [fallback({ models: fallbackModels })],
  });
  const messages: Message[] = [];
  return {
    async ask(question) {
      messages.push({ role: 'user', content: question });
      const response = await client.chat({ model: primary, messages, maxOutputTokens: 500 });
      messages.push({ role: 'assistant', content: response.content });
      return response;
    },
  };
}
