import type { ChatRequest, ResolvedModel, StreamEvent, Usage } from '@stratum/core';
import { createUsage } from '@stratum/core';
import { estimateRequestTokens } from '@stratum/middleware';

type Tokenizer = typeof import('@stratum/core/tokenizer');
let tokenizer: Promise<Tokenizer | undefined> | undefined;

/** What a stream delivered before it stopped, to estimate its usage from. */
export class ReceivedOutput {
  text = '';
  events = 0;

  add(event: StreamEvent): void {
    this.events += 1;
    if (event.type === 'text-delta' || event.type === 'reasoning-delta') this.text += event.text;
    else if (event.type === 'tool-call-delta') this.text += event.name + event.argumentsDelta;
  }
}

/**
 * The usage of a stream that ended without the vendor's report (aborted, cut): the prompt
 * counted with `@stratum/core/tokenizer` and the output counted from what arrived. Vendors bill
 * a cut stream for the tokens they generated, which are at least those received, so this is
 * a lower bound rather than $0. At least one output token is counted once anything arrived.
 */
export async function estimateStreamUsage(
  request: ChatRequest,
  model: ResolvedModel,
  received: ReceivedOutput,
): Promise<Usage> {
  const inputTokens = Math.max(
    1,
    (await estimateRequestTokens({ ...request, maxOutputTokens: 0 }, model)) | 0,
  );
  tokenizer ??= import('@stratum/core/tokenizer').catch(() => undefined);
  const loaded = await tokenizer;
  let outputTokens = 0;
  if (received.text !== '') {
    outputTokens = loaded
      ? await loaded.estimateTokens(received.text, { model: model.name })
      : Math.ceil(received.text.length / 4);
  }
  if (received.events > 0) outputTokens = Math.max(1, outputTokens);
  return createUsage({ inputTokens, outputTokens });
}
