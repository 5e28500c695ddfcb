/**
 * Runs the vendor simulators in their own process for the benchmarks, so the server's work does
 * not share an event loop with the clients being measured (a vendor is another machine, after
 * all). Prints the base URLs as one JSON line, and exits when its standard input closes.
 */
import {
  type SimulatedReply,
  type Simulator,
  startAnthropicSimulator,
  startGoogleSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { LONG_REPLY, SHORT_REPLY } from './vendor-benchmark.js';

export interface SimulatorAddresses {
  chat: string;
  stream: string;
}

const starters: Record<
  string,
  (reply: SimulatedReply) => Promise<Simulator & { baseURL: string }>
> = {
  openai: (reply) => startOpenAISimulator({ defaultReply: () => reply }),
  anthropic: (reply) => startAnthropicSimulator({ defaultReply: () => reply }),
  google: (reply) => startGoogleSimulator({ defaultReply: () => reply }),
};

const running: Simulator[] = [];
const addresses: Record<string, SimulatorAddresses> = {};
for (const [vendor, start] of Object.entries(starters)) {
  const chat = await start(SHORT_REPLY);
  const stream = await start(LONG_REPLY);
  running.push(chat, stream);
  addresses[vendor] = { chat: chat.baseURL, stream: stream.baseURL };
}
process.stdout.write(`${JSON.stringify(addresses)}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(running.map((simulator) => simulator.close())).then(() => process.exit(0));
});
