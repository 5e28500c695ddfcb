import { createAnthropic } from '@stratum/provider-anthropic';
import { createGoogle } from '@stratum/provider-google';
import { createOpenAI } from '@stratum/provider-openai';
import type { Router } from '@stratum/router';
import {
  type AnthropicSimulator,
  type GoogleSimulator,
  type OpenAISimulator,
  startAnthropicSimulator,
  startGoogleSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { budget, type Tracker } from '@stratum/tracker';
import { createGateway } from '../create-gateway.js';
import type { ProviderMode } from '../gateway-options.js';
import { serveGateway } from '../serve/serve-gateway.js';
import { createGatewayStack } from '../stack/create-gateway-stack.js';
import type { PlaygroundOptions } from '../static/playground-static.js';
import { createUpstreamFetch } from '../upstream/create-upstream-fetch.js';

export interface DemoGatewayOptions {
  /** Default 0 (a free port; read it from `url`). */
  port?: number;
  /** Default `127.0.0.1`: the demo is for this machine. */
  host?: string;
  /** The built playground to serve at `/`. */
  playground?: PlaygroundOptions;
  /**
   * Where vendor keys are looked up (pass `process.env`; default: none, every vendor simulated).
   * A vendor whose key is set (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GEMINI_API_KEY` or
   * `GOOGLE_API_KEY`) is called live instead of through its simulator, at its real API or at
   * `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` / `GEMINI_BASE_URL` when set.
   */
  environment?: Record<string, string | undefined>;
}

export interface DemoGateway {
  /** Where the gateway listens, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** The local vendor simulators behind it, for tests that script a vendor's answer. */
  readonly simulators: {
    openai: OpenAISimulator;
    anthropic: AnthropicSimulator;
    google: GoogleSimulator;
  };
  readonly tracker: Tracker;
  readonly router: Router;
  /** Which vendors answer from their real API (`live`) and which from a simulator (`demo`). */
  readonly modes: Record<'openai' | 'anthropic' | 'google', ProviderMode>;
  /** Stops the gateway, then the simulators. */
  close(): Promise<void>;
}

/** The models the `auto` route picks from: the cheap tier first, the strong one last. */
export const DEMO_AUTO_TIERS = [
  'google/gemini-2.5-flash',
  'openai/gpt-4.1-mini',
  'anthropic/claude-sonnet-4-5',
];

/**
 * A gateway that works on a fresh machine with no keys: OpenAI, Anthropic and Gemini are local
 * simulators of their APIs (`@stratum/testing`), reached through the real vendor SDKs over
 * HTTP, so everything a live gateway does (streaming, cancel, exact cost, tracking, routing)
 * happens for real. The simulator keys are placeholders that only the simulators accept.
 */
export async function startDemoGateway(options: DemoGatewayOptions = {}): Promise<DemoGateway> {
  const [openai, anthropic, google] = await Promise.all([
    startOpenAISimulator(),
    startAnthropicSimulator(),
    startGoogleSimulator(),
  ]);
  const stopSimulators = () =>
    Promise.all([openai.close(), anthropic.close(), google.close()]).then(() => undefined);
  try {
    const environment = options.environment ?? {};
    const openaiKey = environment.OPENAI_API_KEY?.trim();
    const anthropicKey = environment.ANTHROPIC_API_KEY?.trim();
    const googleKey = (environment.GEMINI_API_KEY ?? environment.GOOGLE_API_KEY)?.trim();
    const modes = {
      openai: openaiKey ? 'live' : 'demo',
      anthropic: anthropicKey ? 'live' : 'demo',
      google: googleKey ? 'live' : 'demo',
    } satisfies Record<string, ProviderMode>;
    // Gemini's SDK takes no custom fetch, so only OpenAI and Anthropic go through the pool.
    const upstreamFetch = createUpstreamFetch();
    const { client, router, tracker, health, calls } = createGatewayStack({
      providers: [
        createOpenAI(
          openaiKey
            ? { apiKey: openaiKey, baseURL: environment.OPENAI_BASE_URL, fetch: upstreamFetch }
            : { apiKey: 'sk-demo-simulator', baseURL: openai.baseURL, fetch: upstreamFetch },
        ),
        createAnthropic(
          anthropicKey
            ? {
                apiKey: anthropicKey,
                baseURL: environment.ANTHROPIC_BASE_URL,
                fetch: upstreamFetch,
              }
            : {
                apiKey: 'sk-ant-demo-simulator',
                baseURL: anthropic.baseURL,
                fetch: upstreamFetch,
              },
        ),
        createGoogle(
          googleKey
            ? { apiKey: googleKey, baseURL: environment.GEMINI_BASE_URL }
            : { apiKey: 'demo-simulator-key', baseURL: google.baseURL },
        ),
      ],
      routes: {
        auto: {
          candidates: DEMO_AUTO_TIERS,
          strategy: 'threshold',
          threshold: { tiers: DEMO_AUTO_TIERS, cutoffs: [0.35, 0.7] },
        },
      },
      // A daily budget so the dashboard has a bar to fill; the simulators' calls cost cents.
      budgets: [budget({ name: 'demo-daily', limitUsd: 1, period: 'day' })],
    });
    if (!router) throw new Error('the demo gateway always has the auto route');
    const app = createGateway({
      client,
      router,
      tracker,
      health,
      calls,
      providerModes: modes,
      playground: options.playground,
    });
    const served = await serveGateway(app, {
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
    });
    return {
      url: served.url,
      simulators: { openai, anthropic, google },
      tracker,
      router,
      modes,
      async close() {
        await served.close();
        await tracker.close();
        await upstreamFetch.close();
        await stopSimulators();
      },
    };
  } catch (error) {
    await stopSimulators();
    throw error;
  }
}
