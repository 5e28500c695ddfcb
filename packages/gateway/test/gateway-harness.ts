import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient } from '@stratum/core';
import { createHealthMonitor, type Logger, logging } from '@stratum/middleware';
import { createAnthropic } from '@stratum/provider-anthropic';
import { createGoogle } from '@stratum/provider-google';
import { createOpenAI } from '@stratum/provider-openai';
import { createRouter } from '@stratum/router';
import {
  type AnthropicSimulator,
  type GoogleSimulator,
  type OpenAISimulator,
  startAnthropicSimulator,
  startGoogleSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import {
  type Budget,
  budget,
  createMemoryStore,
  createTracker,
  type Tracker,
} from '@stratum/tracker';
import { createGateway, createUpstreamFetch, type GatewayKey } from '../src/index.js';

export const UPSTREAM_KEYS = {
  openai: 'sk-test-upstream-openai-0123456789',
  anthropic: 'sk-ant-test-upstream-0123456789',
  google: 'AIzaTestUpstreamGoogleKey0123456789',
};

export interface Harness {
  url: string;
  openai: OpenAISimulator;
  anthropic: AnthropicSimulator;
  google: GoogleSimulator;
  tracker: Tracker;
  daily: Budget;
  logLines: string[];
  close(): Promise<void>;
}

/**
 * Three vendor simulators behind one gateway, with a real tracker (memory store, one daily
 * budget), a router with an `auto` route over the three, a health monitor and a logger whose
 * lines the test can read.
 */
export async function startHarness(keys?: GatewayKey[], budgets: Budget[] = []): Promise<Harness> {
  const [openai, anthropic, google] = await Promise.all([
    startOpenAISimulator(),
    startAnthropicSimulator(),
    startGoogleSimulator(),
  ]);
  const daily = budget({ name: 'daily', limitUsd: 50, period: 'day' });
  const tracker = createTracker({ store: createMemoryStore(), budgets: [daily, ...budgets] });
  const health = createHealthMonitor();
  const router = createRouter({
    routes: {
      auto: {
        candidates: [
          'openai/gpt-4.1-mini',
          'anthropic/claude-haiku-4-5',
          'google/gemini-2.5-flash',
        ],
        strategy: 'cost',
      },
    },
    health,
  });
  const logLines: string[] = [];
  const logger: Logger = {
    info: (event, message) => logLines.push(JSON.stringify({ event, message })),
    error: (event, message) => logLines.push(JSON.stringify({ event, message })),
  };
  // What `stratum-gateway` gives its providers, so every gateway test also covers it.
  const upstreamFetch = createUpstreamFetch();
  const client = createClient({
    providers: [
      createOpenAI({ apiKey: UPSTREAM_KEYS.openai, baseURL: openai.baseURL, fetch: upstreamFetch }),
      createAnthropic({
        apiKey: UPSTREAM_KEYS.anthropic,
        baseURL: anthropic.baseURL,
        fetch: upstreamFetch,
      }),
      createGoogle({ apiKey: UPSTREAM_KEYS.google, baseURL: google.baseURL }),
    ],
    middleware: [logging({ logger }), router, tracker.middleware, health.middleware()],
  });
  const app = createGateway({ client, router, tracker, health, keys, maxBodyBytes: 64 * 1024 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openai,
    anthropic,
    google,
    tracker,
    daily,
    logLines,
    async close() {
      server.close();
      await Promise.all([openai.close(), anthropic.close(), google.close()]);
      await tracker.close();
      await upstreamFetch.close();
    },
  };
}
