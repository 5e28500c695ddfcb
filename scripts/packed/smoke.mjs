// Runs inside an empty folder where only the packed tarballs were installed with plain npm:
// imports every published entry point, then a chat and a stream through OpenAI, Anthropic and
// Gemini against the simulators of the packed @stratum/testing. A file missing from a tarball, a
// dependency missing from a package.json or an export pointing nowhere fails here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const manifest = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const installed = Object.keys(manifest.dependencies ?? {}).filter((name) =>
  name.startsWith('@stratum/'),
);
assert.ok(installed.length > 0, 'no @stratum package installed');

// Entry points that need an optional peer (vitest for the contract suite) are left out.
const entryPoints = [
  ...installed,
  '@stratum/core/provider-kit',
  '@stratum/provider-openai/internal',
];
for (const specifier of entryPoints) {
  const module = await import(specifier);
  assert.ok(Object.keys(module).length > 0, `${specifier} exports nothing`);
}
console.log(`imported ${entryPoints.length} entry points: ${entryPoints.join(', ')}`);

const { createClient } = await import('@stratum/core');
const { createOpenAI } = await import('@stratum/provider-openai');
const { createAnthropic } = await import('@stratum/provider-anthropic');
const { createGoogle } = await import('@stratum/provider-google');
const { startOpenAISimulator, startAnthropicSimulator, startGoogleSimulator } = await import(
  '@stratum/testing'
);

const vendors = [
  {
    name: 'openai',
    model: 'openai/gpt-4.1-mini',
    start: startOpenAISimulator,
    create: createOpenAI,
  },
  {
    name: 'anthropic',
    model: 'anthropic/claude-sonnet-4-5',
    start: startAnthropicSimulator,
    create: createAnthropic,
  },
  {
    name: 'google',
    model: 'google/gemini-2.5-flash',
    start: startGoogleSimulator,
    create: createGoogle,
  },
];

for (const vendor of vendors) {
  const simulator = await vendor.start();
  try {
    const reply = {
      text: `Hello from the packed ${vendor.name} provider`,
      usage: { inputTokens: 9, outputTokens: 7 },
    };
    simulator.enqueue({ kind: 'reply', reply }, { kind: 'reply', reply });
    const client = createClient({
      providers: [vendor.create({ apiKey: 'smoke-test-key', baseURL: simulator.baseURL })],
    });
    const request = { model: vendor.model, messages: [{ role: 'user', content: 'Say hello.' }] };

    const response = await client.chat(request);
    assert.equal(response.text, reply.text);
    assert.equal(response.usage.inputTokens, 9);
    assert.ok(response.cost !== undefined && response.cost.total > 0, 'chat has a cost');

    const stream = client.stream(request);
    let streamed = '';
    for await (const text of stream.textStream) streamed += text;
    const final = await stream.finalResponse();
    assert.equal(streamed, reply.text);
    assert.equal(final.usage.outputTokens, 7);
    assert.equal(simulator.requests.length, 2);
    console.log(`${vendor.name}: chat and stream ok, cost $${final.cost?.total}`);
  } finally {
    await simulator.close();
  }
}
console.log('packed packages: smoke test passed');
