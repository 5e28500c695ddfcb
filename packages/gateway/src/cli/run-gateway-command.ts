import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigurationError, createClient } from '@stratum/core';
import { createGateway } from '../create-gateway.js';
import { type ServedGateway, serveGateway } from '../serve/serve-gateway.js';
import { parseGatewayConfig } from './gateway-config.js';
import { loadProviders } from './load-providers.js';

export const USAGE = `Usage: stratum-gateway [--config stratum-gateway.json] [--port 4141] [--host 127.0.0.1]

Serves an OpenAI-compatible gateway over the providers in the config file, e.g.
  { "port": 4141, "providers": [{ "vendor": "openai", "apiKeyEnv": "OPENAI_API_KEY" }] }
Keys are read from the environment variables the file names, never from the file.`;

export interface CommandOptions {
  environment?: NodeJS.ProcessEnv;
  /** Where the command reports what it serves (default: standard error). */
  log?: (line: string) => void;
}

/** Parses the `stratum-gateway` arguments, reads the config file and serves the gateway. */
export async function runGatewayCommand(
  argv: string[],
  options: CommandOptions = {},
): Promise<ServedGateway | undefined> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'stratum-gateway.json' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    log(USAGE);
    return undefined;
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
  const port = values.port === undefined ? config.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigurationError(`--port must be a port number (0–65535), not "${values.port}".`);
  const providers = await loadProviders(config.providers, options.environment);
  const gateway = createGateway({
    client: createClient({ providers }),
    ...(config.maxBodyBytes ? { maxBodyBytes: config.maxBodyBytes } : {}),
  });
  const served = await serveGateway(gateway, {
    port,
    host: values.host ?? config.host,
    ...(config.shutdownDeadlineMs === undefined
      ? {}
      : { shutdownDeadlineMs: config.shutdownDeadlineMs }),
    ...(config.headersTimeoutMs ? { headersTimeoutMs: config.headersTimeoutMs } : {}),
    ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
    ...(config.keepAliveTimeoutMs ? { keepAliveTimeoutMs: config.keepAliveTimeoutMs } : {}),
  });
  log(
    `stratum-gateway serving ${providers.map((provider) => provider.name).join(', ')} at ${served.url}/v1`,
  );
  return served;
}
