import { chatBody, type Target } from './targets.js';

export type StreamCheck = { works: true; chunks: number } | { works: false; reason: string };

/**
 * Sends one streaming request and checks that it is a real OpenAI stream: a 200 of
 * `text/event-stream` whose chunks carry the whole reply, ending with `[DONE]`.
 */
export async function checkStream(target: Target, expectedWords: number): Promise<StreamCheck> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: target.headers,
    body: chatBody(target, true),
  });
  const body = await response.text();
  if (response.status !== 200)
    return { works: false, reason: `HTTP ${response.status}: ${body.slice(0, 200)}` };
  let text = '';
  let chunks = 0;
  let done = false;
  for (const line of body.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk: { choices?: { delta?: { content?: string } }[]; error?: unknown } =
      JSON.parse(data);
    if (chunk.error) return { works: false, reason: `error event: ${data.slice(0, 200)}` };
    chunks += 1;
    text += chunk.choices?.[0]?.delta?.content ?? '';
  }
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  if (!done || words !== expectedWords)
    return {
      works: false,
      reason: `stream ended ${done ? 'with' : 'without'} [DONE] after ${words} of ${expectedWords} words: ${body.slice(0, 200)}`,
    };
  return { works: true, chunks };
}
