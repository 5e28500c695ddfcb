/**
 * Vendor-neutral scripts for the API simulators. Each vendor's simulator renders a step in that
 * vendor's documented wire format (JSON body, SSE events, error body), so one test script
 * exercises every provider the same way.
 */

export interface SimulatedToolCall {
  id?: string;
  name: string;
  /** An object (serialized by the simulator) or the exact argument text to send. */
  arguments: unknown;
}

/** Token counts in Stratum's convention; each simulator maps them to its vendor's fields. */
export interface SimulatedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export interface SimulatedReply {
  text?: string;
  reasoning?: string;
  /** Anthropic thinking signature; Gemini's `thoughtSignature`; other simulators ignore it. */
  reasoningSignature?: string;
  toolCalls?: SimulatedToolCall[];
  /**
   * The model's refusal text, for vendors that return it apart from the answer (OpenAI
   * `message.refusal`); simulators of vendors without such a field ignore it.
   */
  refusal?: string;
  finishReason?: 'stop' | 'length' | 'tool-calls' | 'content-filter';
  usage?: SimulatedUsage;
  /** The model the vendor reports; defaults to the requested one. */
  model?: string;
}

export interface StreamShape {
  /** Characters of text per delta chunk (default: whole words). */
  chunkSize?: number;
  /** Pause between chunks. */
  chunkDelayMs?: number;
  /**
   * Write each event in two socket writes, cut inside a multi-byte UTF-8 character when the
   * event has one, to prove clients decode across network chunks.
   */
  splitMultibyte?: boolean;
}

export type SimulatorStep =
  /** A normal answer, JSON or streamed according to the request. */
  | ({ kind: 'reply'; reply: SimulatedReply; delayMs?: number } & StreamShape)
  /** An HTTP error with the vendor's exact error body for that status. */
  | {
      kind: 'error';
      status: number;
      /** The vendor's error type/code; the simulator picks the vendor's usual one when absent. */
      vendorCode?: string;
      message?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  /** Streams `afterChunks` chunks of the reply, then destroys the socket. */
  | ({ kind: 'disconnect'; reply: SimulatedReply; afterChunks: number } & StreamShape)
  /** Streams `afterChunks` chunks, then a chunk that is not valid JSON, then keeps the stream open. */
  | ({ kind: 'malformed-chunk'; reply: SimulatedReply; afterChunks: number } & StreamShape)
  /** Streams `afterChunks` chunks, then the vendor's in-stream error event (HTTP status stays 200). */
  | ({
      kind: 'stream-error';
      reply: SimulatedReply;
      afterChunks: number;
      status: number;
      vendorCode?: string;
      message?: string;
    } & StreamShape)
  /** Accepts the request and never answers (until the client gives up). */
  | { kind: 'hang' }
  /** Replays a recorded vendor body (`json`) or recorded stream chunks (`chunks`), byte for byte. */
  | { kind: 'recorded'; json?: string; chunks?: string[]; status?: number; chunkDelayMs?: number }
  /** Sends exactly this: for tests of odd vendor behaviour. */
  | { kind: 'raw'; status: number; headers?: Record<string, string>; body: string };

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The body exactly as received, for checks over its bytes (request signatures). */
  rawBody: string;
  receivedAt: number;
}
