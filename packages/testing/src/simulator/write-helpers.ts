import type { Exchange } from './http-simulator.js';

export const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

export function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  exchange.response.writeHead(status, { 'content-type': 'application/json', ...headers });
  exchange.response.end(text);
}

export function startEventStream(exchange: Exchange, headers: Record<string, string> = {}): void {
  exchange.response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
}

/** Writes one SSE event (`event:` line when named), waiting for the socket to drain. */
export async function writeEvent(
  exchange: Exchange,
  data: string,
  event?: string,
  options: { splitMultibyte?: boolean } = {},
): Promise<void> {
  const text = `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`;
  if (options.splitMultibyte) {
    const bytes = Buffer.from(text, 'utf8');
    const cut = multibyteCut(bytes);
    await writeBytes(exchange, bytes.subarray(0, cut));
    await sleep(2);
    await writeBytes(exchange, bytes.subarray(cut));
    return;
  }
  await writeBytes(exchange, text);
}

async function writeBytes(exchange: Exchange, data: string | Buffer): Promise<void> {
  if (exchange.isClosed()) return;
  if (!exchange.response.write(data))
    await new Promise((resolve) => exchange.response.once('drain', resolve));
}

/** A byte offset inside the first multi-byte character, or the middle when there is none. */
export function multibyteCut(bytes: Buffer): number {
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte >= 0xc0) return index + 1;
  }
  return Math.floor(bytes.length / 2);
}

/** Splits text into stream deltas: fixed-size pieces, or words with their following space. */
export function splitText(text: string, chunkSize?: number): string[] {
  if (text === '') return [];
  if (chunkSize && chunkSize > 0) {
    const characters = Array.from(text);
    const pieces: string[] = [];
    for (let index = 0; index < characters.length; index += chunkSize) {
      pieces.push(characters.slice(index, index + chunkSize).join(''));
    }
    return pieces;
  }
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** Waits out a step's pause unless the client has gone. */
export async function pause(exchange: Exchange, milliseconds: number | undefined): Promise<void> {
  if (!milliseconds) return;
  await Promise.race([sleep(milliseconds), exchange.closed]);
}

/** For `hang`: keeps the request open until the client closes it. */
export async function hang(exchange: Exchange): Promise<void> {
  await exchange.closed;
}

/**
 * For `disconnect`: cuts the connection once what was written has reached the socket, so the
 * client really receives the chunks before the cut (destroying at once would drop them).
 */
export async function disconnect(exchange: Exchange): Promise<void> {
  while (exchange.socket.writableLength > 0 && !exchange.socket.destroyed) await sleep(1);
  await sleep(5);
  exchange.socket.destroy();
}
