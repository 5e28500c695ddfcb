/**
 * What the logging middleware writes to. Any pino-style logger fits (`pino()`, `bunyan`,
 * a `console`-backed object): the event object first, then a short message.
 */
export interface Logger {
  info(event: Record<string, unknown>, message?: string): void;
  error(event: Record<string, unknown>, message?: string): void;
}

export interface WritableText {
  write(text: string): unknown;
}

/** One JSON object per line (`level`, `time`, `msg`, then the event), to stderr by default. */
export function createJsonLinesLogger(output: WritableText = process.stderr): Logger {
  const write = (level: string, event: Record<string, unknown>, message?: string): void => {
    output.write(
      `${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...event })}\n`,
    );
  };
  return {
    info: (event, message) => write('info', event, message),
    error: (event, message) => write('error', event, message),
  };
}
