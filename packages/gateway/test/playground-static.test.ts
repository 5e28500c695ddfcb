import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/create-gateway.js';

// Static files need no vendor: this client is never called.
const offlineClient = () =>
  createClient({
    providers: [createOpenAI({ apiKey: 'sk-unused', baseURL: 'http://127.0.0.1:9' })],
  });

let directory: string;
let app: ReturnType<typeof createGateway>;
const page = '<!doctype html><html><body><div id="app"></div></body></html>';

beforeAll(() => {
  // The layout `vite build` writes: index.html beside content-hashed assets.
  directory = mkdtempSync(join(tmpdir(), 'stratum-playground-'));
  mkdirSync(join(directory, 'assets'));
  writeFileSync(join(directory, 'index.html'), page);
  writeFileSync(join(directory, 'assets', 'index-AbC123.js'), 'console.log("page");');
  writeFileSync(join(directory, 'assets', 'index-XyZ789.css'), 'body{margin:0}');
  writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = createGateway({ client: offlineClient(), playground: { directory } });
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the playground served at /', () => {
  it('serves index.html at / and is never cached', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(page);
  });

  it('serves hashed assets with their content types, cached for a year', async () => {
    const script = await app.request('/assets/index-AbC123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("page");');
    const style = await app.request('/assets/index-XyZ789.css');
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    const icon = await app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers the page for the app routes, so a refresh of /compare works', async () => {
    for (const path of ['/compare?models=openai/gpt-4.1-mini', '/dashboard', '/models/deep']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(page);
    }
  });

  it('leaves the API, missing assets, other methods and path tricks alone', async () => {
    expect((await app.request('/health')).headers.get('content-type')).toMatch(/json/);
    const unknownApi = await app.request('/api/nothing-here');
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.text()).not.toContain('<html');
    expect((await app.request('/v1/unknown')).status).toBe(404);
    expect((await app.request('/assets/index-gone.js')).status).toBe(404);
    expect((await app.request('/', { method: 'POST' })).status).toBe(404);
    const traversal = await app.request('/assets/..%2F..%2F..%2Fetc%2Fpasswd');
    expect(await traversal.text()).not.toContain('root:');
  });

  it('is absent when no directory is configured', async () => {
    const bare = createGateway({ client: offlineClient() });
    expect((await bare.request('/')).status).toBe(404);
  });
});
