import { GatewayError } from '../errors/gateway-error.js';

/** A part of the gateway an endpoint needs but the config left out: a 501 that says what to add. */
export function requirePart<Part>(part: Part | undefined, option: string, endpoint: string): Part {
  if (part === undefined) {
    throw new GatewayError(
      `${endpoint} needs createGateway({ ${option} }); this gateway was started without one.`,
      { status: 501, type: 'server_error', code: `${option}_not_configured` },
    );
  }
  return part;
}
