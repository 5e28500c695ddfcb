import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@stratum/core';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../src/cli/gateway-config.js';
import { runGatewayCommand } from '../src/cli/run-gateway-command.js';

const SECRET = 'sk-test-command-secret-key';
let simulator: OpenAISimulator;
let directory: string;

beforeAll(async () => {
  simulator = await startOpenAISimulator();
  directory = await mkdtemp(join(tmpdir(), 'stratum-gateway-'));
});
afterAll(async () => {
  await simulator.close();
});

async function configFile(config: unknown): Promise<string> {
  const path = join(directory, `${crypto.randomUUID()}.json`);
  await writeFile(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

describe('stratum-gateway', () => {
  it('serves the vendor simulators with --demo, no config file and no key', async () => {
    const lines: string[] = [];
    const served = await runGatewayCommand(['--demo', '--port', '0'], {
      environment: {},
      log: (line) => lines.push(line),
    });
    if (!served) throw new Error('expected the demo gateway to be served');
    try {
      const sdk = new OpenAI({ apiKey: 'unused', baseURL: `${served.url}/v1`, maxRetries: 0 });
      for (const model of ['openai/gpt-4.1-mini', 'anthropic/claude-sonnet-4-5', 'auto']) {
        const { data, response } = await sdk.chat.completions
          .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
          .withResponse();
        expect(data.choices[0]?.message.content).toEqual(expect.any(String));
        expect(Number(response.headers.get('x-stratum-cost-usd'))).toBeGreaterThan(0);
      }
      expect(lines.join('\n')).toContain(`${served.url}/v1`);
    } finally {
      await served.close();
    }
  });

  it('serves the configured providers with the key from the named environment variable', async () => {
    const path = await configFile({
      port: 0,
      providers: [{ vendor: 'openai', apiKeyEnv: 'TEST_UPSTREAM_KEY', baseURL: simulator.baseURL }],
    });
    const lines: string[] = [];
    const served = await runGatewayCommand(['--config', path], {
      environment: { TEST_UPSTREAM_KEY: SECRET },
      log: (line) => lines.push(line),
    });
    if (!served) throw new Error('expected the gateway to be served');
    try {
      simulator.enqueue({ kind: 'reply', reply: { text: 'From the config' } });
      const sdk = new OpenAI({ apiKey: 'unused', baseURL: `${served.url}/v1`, maxRetries: 0 });
      const completion = await sdk.chat.completions.create({
        model: 'openai/gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('From the config');
      expect(simulator.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${SECRET}`);
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines.join('\n')).toContain(`${served.url}/v1`);
      expect(lines.join('\n')).not.toContain(SECRET);
    } finally {
      await served.close();
    }
  });

  it('names the unset environment variable, never a key', async () => {
    const path = await configFile({
      providers: [{ vendor: 'openai', apiKeyEnv: 'TEST_MISSING_KEY' }],
    });
    const failure = runGatewayCommand(['--config', path], { environment: {}, log: () => {} });
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/\$TEST_MISSING_KEY, which is not set/);
  });

  it('rejects a bad config field by name before serving anything', () => {
    expect(() =>
      parseGatewayConfig(JSON.stringify({ providers: [{ vendor: 'openia' }] }), 'gw.json'),
    ).toThrow(/gw\.json: "providers\.0\.vendor" must be one of openai, anthropic/);
    expect(() =>
      parseGatewayConfig(
        JSON.stringify({ providers: [{ vendor: 'openai', apiKey: SECRET }] }),
        'x',
      ),
    ).toThrow(/"providers\.0\.apiKey"/);
    expect(() => parseGatewayConfig('{"providers": [', 'broken.json')).toThrow(
      /broken\.json is not valid JSON/,
    );
    expect(() => parseGatewayConfig('{"providers": []}', 'empty.json')).toThrow(
      /"providers" needs at least one provider/,
    );
  });

  it('reports a missing config file with the flag that points to it', async () => {
    await expect(
      runGatewayCommand(['--config', join(directory, 'absent.json')], { log: () => {} }),
    ).rejects.toThrow(/Cannot read the config file .*absent\.json: pass its path with --config/);
  });
});

describe('the stratum-gateway process', () => {
  it('serves until SIGTERM, then shuts down and exits 0', async () => {
    const path = await configFile({
      port: 0,
      providers: [{ vendor: 'openai', apiKeyEnv: 'TEST_UPSTREAM_KEY', baseURL: simulator.baseURL }],
    });
    const child = spawn(
      process.execPath,
      [
        '--conditions=@stratum/source',
        '--import',
        'tsx',
        fileURLToPath(new URL('../src/cli/stratum-gateway.ts', import.meta.url)),
        '--config',
        path,
      ],
      { env: { ...process.env, TEST_UPSTREAM_KEY: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = once(child, 'exit');
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /at (http:\/\/\S+)\/v1/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited before serving: ${output}`)));
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).not.toContain(SECRET);
  });
});
