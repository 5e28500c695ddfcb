import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigurationError } from '@stratum/core';
import { createGateway } from '../create-gateway.js';
import { startDemoGateway } from '../demo/start-demo-gateway.js';
import { type ServedGateway, serveGateway } from '../serve/serve-gateway.js';
import { configureGateway } from './configure-gateway.js';
import { parseGatewayConfig } from './gateway-config.js';

export const USAGE = `Usage: stratum-gateway [--config stratum-gateway.json] [--port 4141] [--host 127.0.0.1]
       stratum-gateway --demo [--port 4141] [--playground apps/playground/dist]

Serves an OpenAI-compatible gateway over the providers in the config file, e.g.
  { "port": 4141, "providers": [{ "vendor": "openai", "apiKeyEnv": "OPENAI_API_KEY" }] }
Keys are read from the environment variables the file names, never from the file.
--demo needs no file and no key: the OpenAI, Anthropic and Gemini simulators stand in for the vendors.`;

/** What the command serves: stop it with `close()` (a graceful shutdown). */
export interface RunningGateway {
  readonly url: string;
  close(): Promise<void>;
}

export interface CommandOptions {
  environment?: NodeJS.ProcessEnv;
  /** Where the command reports what it serves (default: standard error). */
  log?: (line: string) => void;
}

/** Parses the `stratum-gateway` arguments, reads the config file and serves the gateway. */
export async function runGatewayCommand(
  argv: string[],
  options: CommandOptions = {},
): Promise<RunningGateway | undefined> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'stratum-gateway.json' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      playground: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    log(USAGE);
    return undefined;
  }
  if (values.demo) {
    const port = values.port === undefined ? 4141 : parsePort(values.port);
    const demo = await startDemoGateway({
      port,
      host: values.host ?? '127.0.0.1',
      ...(values.playground ? { playground: { directory: values.playground } } : {}),
    });
    log(`stratum-gateway --demo serving the vendor simulators at ${demo.url}/v1`);
    return demo;
  }
  let text: string;
  try {
    text = await readFile(values.config, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `Cannot read the config file ${values.config}: pass its path with --config.`,
      { cause: error },
    );
  }
  const config = parseGatewayConfig(text, values.config);
  const port = values.port === undefined ? config.port : parsePort(values.port);
  const configured = await configureGateway(config, values.config, options.environment);
  let served: ServedGateway;
  try {
    served = await serveGateway(createGateway(configured.options), {
      port,
      host: values.host ?? config.host,
      ...(config.shutdownDeadlineMs === undefined
        ? {}
        : { shutdownDeadlineMs: config.shutdownDeadlineMs }),
      ...(config.headersTimeoutMs ? { headersTimeoutMs: config.headersTimeoutMs } : {}),
      ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
      ...(config.keepAliveTimeoutMs ? { keepAliveTimeoutMs: config.keepAliveTimeoutMs } : {}),
    });
  } catch (error) {
    await configured.close();
    throw error;
  }
  const names = [...configured.options.client.providers.keys()].join(', ');
  log(
    `stratum-gateway serving ${names}${config.redis ? ' (shared through Redis)' : ''} at ${served.url}/v1`,
  );
  return {
    url: served.url,
    async close() {
      await served.close();
      await configured.close();
    },
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigurationError(`--port must be a port number (0–65535), not "${text}".`);
  return port;
}
