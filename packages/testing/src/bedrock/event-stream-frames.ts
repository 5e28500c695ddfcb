import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** The AWS event-stream codec (prelude, headers, payload, CRCs), as the SDK itself decodes it. */
const codec = new EventStreamCodec(toUtf8, fromUtf8);

const text = (value: string) => ({ type: 'string' as const, value });

/**
 * One `application/vnd.amazon.eventstream` frame of an event
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html describes the
 * framing): `:event-type`, `:content-type` and `:message-type: event` headers, a JSON payload.
 */
export function eventFrame(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': text(type),
      ':content-type': text('application/json'),
      ':message-type': text('event'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** An exception frame: `:message-type: exception` with `:exception-type` and a `{ message }` payload. */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': text(exceptionType),
      ':content-type': text('application/json'),
      ':message-type': text('exception'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** A well-framed event whose payload is cut-off JSON, for tests of unreadable events. */
export function malformedFrame(type: string): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': text(type),
      ':content-type': text('application/json'),
      ':message-type': text('event'),
    },
    body: fromUtf8('{"contentBlockIndex":0,"delta":{"text":"unterm'),
  });
}
