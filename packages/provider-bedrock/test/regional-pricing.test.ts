import { createClient } from '@stratum/core';
import { type BedrockSimulator, startBedrockSimulator } from '@stratum/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrock } from '../src/index.js';
import { ACCESS_KEY_ID, CREDENTIALS, SECRET_ACCESS_KEY, useHarness } from './setup.js';

// The catalog prices amazon.nova-pro-v1:0 at $0.80 / $3.20 per million tokens, and at
// $0.96 / $3.84 in us-gov-east-1 and us-gov-west-1 (the price map's regional lists).
const NOVA_PRO = 'bedrock/amazon.nova-pro-v1:0';
const GOV_REGION = 'us-gov-west-1';
const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
const hello = [{ role: 'user' as const, content: 'Hello' }];

const harness = useHarness();
let govSimulator: BedrockSimulator;

beforeAll(async () => {
  govSimulator = await startBedrockSimulator({
    accessKeyId: ACCESS_KEY_ID,
    region: GOV_REGION,
    secretAccessKey: SECRET_ACCESS_KEY,
  });
});
afterAll(async () => {
  await govSimulator.close();
});

function govClient() {
  return createClient({
    providers: [
      createBedrock({
        region: GOV_REGION,
        credentials: CREDENTIALS,
        endpoint: govSimulator.endpoint,
      }),
    ],
  });
}

describe('Bedrock regional prices', () => {
  it('bills a base model id at the price of the region the client calls', async () => {
    govSimulator.enqueue({ kind: 'reply', reply: { text: 'a', usage } });
    const response = await govClient().chat({ model: NOVA_PRO, messages: hello });
    expect(response.cost?.total).toBe(0.96 + 3.84);
  });

  it('bills a streamed call in that region the same way', async () => {
    govSimulator.enqueue({ kind: 'reply', reply: { text: 'a b c', usage } });
    const response = await govClient().stream({ model: NOVA_PRO, messages: hello }).finalResponse();
    expect(response.cost?.total).toBe(0.96 + 3.84);
  });

  it('bills the catalog price in a region without a list of its own', async () => {
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'a', usage } });
    const response = await harness.client.chat({ model: NOVA_PRO, messages: hello });
    expect(response.cost?.total).toBe(0.8 + 3.2);
  });

  it('bills an inference profile at its own catalog price, whatever the client region', async () => {
    govSimulator.enqueue({ kind: 'reply', reply: { text: 'a', usage } });
    const response = await govClient().chat({
      model: 'bedrock/us.amazon.nova-pro-v1:0',
      messages: hello,
    });
    expect(response.cost?.total).toBe(0.8 + 3.2);
  });
});
