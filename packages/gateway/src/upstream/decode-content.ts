import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * Decodes a response body the way `fetch` does for the codings it knows
 * (https://fetch.spec.whatwg.org/#http-network-fetch, `Content-Encoding`); other codings, and
 * none, pass through untouched.
 */
export function decodeContent(body: Readable, contentEncoding: string | null): Readable {
  const coding = contentEncoding?.trim().toLowerCase();
  const decoder =
    coding === 'gzip' || coding === 'x-gzip'
      ? createGunzip()
      : coding === 'deflate'
        ? createInflate()
        : coding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return body;
  body.on('error', (error) => decoder.destroy(error));
  return body.pipe(decoder);
}
