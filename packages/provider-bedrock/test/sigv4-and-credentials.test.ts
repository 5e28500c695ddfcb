import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, ConfigurationError, createClient } from '@stratum/core';
import { type BedrockSimulator, startBedrockSimulator } from '@stratum/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BedrockCredentials, createBedrock } from '../src/index.js';
import { ACCESS_KEY_ID, MODEL, REGION, SECRET_ACCESS_KEY, useHarness } from './setup.js';

const harness = useHarness();
const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'Hello' }] };
const AWS_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
];

describe('SigV4 checks of the simulator', () => {
  const post = (headers: Record<string, string>) =>
    fetch(
      `${harness.simulator.endpoint}/model/${encodeURIComponent('anthropic.claude-3-5-haiku-20241022-v1:0')}/converse`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
      },
    );

  it('rejects a request without an Authorization header', async () => {
    const response = await post({});
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toMatch(
      /^MissingAuthenticationTokenException/,
    );
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('rejects an Authorization header that is not a SigV4 signature', async () => {
    const response = await post({
      authorization: `Bearer ${SECRET_ACCESS_KEY}`,
      'x-amz-date': '20260101T000000Z',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException/);
  });

  it('rejects a signature scoped to another region', async () => {
    const response = await post({
      authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20260101/eu-west-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
      'x-amz-date': '20260101T000000Z',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toContain(
      'scoped to a valid region',
    );
  });

  it('recomputes the signature with the secret key and rejects one made with another secret', async () => {
    const forged = await post({
      authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20260101/${REGION}/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${'b'.repeat(64)}`,
      'x-amz-date': '20260101T000000Z',
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { message: string }).message).toContain(
      'signature we calculated does not match',
    );
    const client = harness.clientWith({
      credentials: {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: 'another/secret/key/0000000000000000',
      },
    });
    const error = await client.chat(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error instanceof AuthenticationError && error.vendorCode).toBe(
      'InvalidSignatureException',
    );
  });

  it('accepts what the SDK signs, and sees no credential in a URL or body', async () => {
    await harness.client.chat(ask);
    await harness.client.stream(ask).finalResponse();
    const [first] = harness.simulator.requests;
    expect(first?.headers['authorization']).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/\\d{8}/${REGION}/bedrock/aws4_request, SignedHeaders=[^ ]*host[^ ]*, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(harness.simulator.credentialLeaks).toEqual([]);
    for (const request of harness.simulator.requests)
      expect(request.url).not.toContain(ACCESS_KEY_ID);
  });

  it('logs nothing that holds a credential', async () => {
    const output: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        output.push(args.map(String).join(' '));
      }),
    );
    try {
      harness.simulator.enqueue({ kind: 'error', status: 500 });
      await harness.client.chat(ask).catch(() => undefined);
      await harness.client.chat(ask);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(output.join('\n')).not.toContain(SECRET_ACCESS_KEY);
  });
});

describe('the AWS credential chain', () => {
  const saved = new Map<string, string | undefined>();
  let directory: string;
  let profileSimulator: BedrockSimulator;
  beforeAll(async () => {
    for (const name of AWS_VARIABLES) saved.set(name, process.env[name]);
    directory = mkdtempSync(join(tmpdir(), 'stratum-aws-'));
    profileSimulator = await startBedrockSimulator({
      accessKeyId: 'AKIAPROFILEKEY000001',
      region: 'eu-west-1',
      secretAccessKey: 'profile/secret/key/0123456789',
      sessionToken: 'profile-session-token-0123456789',
    });
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterAll(async () => {
    await profileSimulator.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const clearEnvironment = () => {
    for (const name of AWS_VARIABLES) delete process.env[name];
    // Never fall through to instance metadata on a developer machine.
    process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
    process.env['AWS_CONFIG_FILE'] = join(directory, 'missing-config');
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(directory, 'missing-credentials');
  };

  it('picks up credentials and the region from the environment', async () => {
    clearEnvironment();
    process.env['AWS_ACCESS_KEY_ID'] = ACCESS_KEY_ID;
    process.env['AWS_SECRET_ACCESS_KEY'] = SECRET_ACCESS_KEY;
    process.env['AWS_REGION'] = REGION;
    const client = createClient({
      providers: [createBedrock({ endpoint: harness.simulator.endpoint })],
    });
    const response = await client.chat(ask);
    expect(response.text).toBe('Hello from the Bedrock simulator.');
    expect(harness.simulator.requests.at(-1)?.headers['authorization']).toContain(
      `Credential=${ACCESS_KEY_ID}/`,
    );
  });

  it('picks up a named profile with a session token and its region from temporary shared files', async () => {
    clearEnvironment();
    const config = join(directory, 'config');
    const credentials = join(directory, 'credentials');
    writeFileSync(config, '[default]\nregion = us-west-2\n\n[profile work]\nregion = eu-west-1\n');
    writeFileSync(
      credentials,
      '[work]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profile/secret/key/0123456789\naws_session_token = profile-session-token-0123456789\n',
    );
    process.env['AWS_CONFIG_FILE'] = config;
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentials;
    const client = createClient({
      providers: [createBedrock({ profile: 'work', endpoint: profileSimulator.endpoint })],
    });
    await client.chat(ask);
    const request = profileSimulator.requests.at(-1);
    expect(request?.headers['authorization']).toMatch(
      /Credential=AKIAPROFILEKEY000001\/\d{8}\/eu-west-1\/bedrock\//,
    );
    expect(request?.headers['x-amz-security-token']).toBe('profile-session-token-0123456789');
    expect(profileSimulator.credentialLeaks).toEqual([]);
  });

  it('says what to set when there are no credentials at all', async () => {
    clearEnvironment();
    const client = createClient({
      providers: [createBedrock({ region: REGION, endpoint: harness.simulator.endpoint })],
    });
    const before = harness.simulator.requests.length;
    const error = await client.chat(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error instanceof Error && error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(error instanceof Error && error.message).toContain('createBedrock({ profile })');
    expect(harness.simulator.requests.length).toBe(before);
  });

  it('says what to set when no region is known', async () => {
    clearEnvironment();
    const client = createClient({
      providers: [
        createBedrock({
          credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
        }),
      ],
    });
    const error = await client.chat(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error instanceof Error && error.message).toContain('AWS_REGION');
    expect(error instanceof Error && error.message).not.toContain(SECRET_ACCESS_KEY);
  });

  it('signs with explicit temporary credentials and their session token', async () => {
    clearEnvironment();
    const key = {
      accessKeyId: 'AKIAPROFILEKEY000001',
      secretAccessKey: 'profile/secret/key/0123456789',
    };
    const clientWith = (credentials: BedrockCredentials) =>
      createClient({
        providers: [
          createBedrock({ region: 'eu-west-1', credentials, endpoint: profileSimulator.endpoint }),
        ],
      });
    await clientWith({ ...key, sessionToken: 'profile-session-token-0123456789' }).chat(ask);
    expect(profileSimulator.requests.at(-1)?.headers['x-amz-security-token']).toBe(
      'profile-session-token-0123456789',
    );
    // Without the token the simulator refuses the key, as AWS refuses a temporary key alone.
    await expect(clientWith(key).chat(ask)).rejects.toBeInstanceOf(AuthenticationError);
  });
});
