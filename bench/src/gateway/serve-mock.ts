/**
 * The zero-delay OpenAI-compatible upstream every gateway in the benchmark calls, in its own
 * process: a 1-token reply to a chat, and a reply streamed as `STREAM_WORDS` chunks to a stream.
 * Prints `{"baseURL": …}` and exits when its standard input closes.
 */
import { type RecordedRequest, startOpenAISimulator } from '@stratum/testing';
import { STREAM_WORDS } from './targets.js';

const wantsStream = (request: RecordedRequest) =>
  typeof request.body === 'object' &&
  request.body !== null &&
  'stream' in request.body &&
  request.body.stream === true;

const simulator = await startOpenAISimulator({
  defaultReply: (request) =>
    wantsStream(request)
      ? {
          text: 'word '.repeat(STREAM_WORDS),
          usage: { inputTokens: 9, outputTokens: STREAM_WORDS },
        }
      : { text: 'Hi', usage: { inputTokens: 9, outputTokens: 1 } },
});
// The simulator records every request for tests to inspect; under load that is a leak.
setInterval(() => simulator.reset(), 1_000).unref();
process.stdout.write(`${JSON.stringify({ baseURL: simulator.baseURL })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void simulator.close().then(() => process.exit(0));
});
