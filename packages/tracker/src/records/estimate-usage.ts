import type { ChatRequest, ResolvedModel, StreamEvent, Usage } from '@stratum/core';
import { createUsage } from '@stratum/core';
import { estimateRequestTokens, estimateTextTokens } from '@stratum/middleware';

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
 * and the output that arrived counted with `@stratum/tokenizer` when it is installed (the
 * middleware's estimates; characters / 4 otherwise). Vendors bill
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
  let outputTokens = 0;
  if (received.text !== '') outputTokens = await estimateTextTokens(received.text, model);
  if (received.events > 0) outputTokens = Math.max(1, outputTokens);
  return createUsage({ inputTokens, outputTokens });
}
