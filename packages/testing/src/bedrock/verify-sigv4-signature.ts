import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RecordedRequest } from '../simulator/scenario.js';

type Bytes = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: Bytes): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** SHA-256 (HMAC-SHA-256 with a secret) from node:crypto, in the checksum shape the signer takes. */
class NodeSha256 {
  #secret: Bytes | undefined;
  #hash: Hash | Hmac;
  constructor(secret?: Bytes) {
    this.#secret = secret;
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', toBuffer(this.#secret));
  }
  update(data: Bytes): void {
    this.#hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}

/** `20260101T120000Z` → a Date. */
function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds] = match.map(Number);
  return new Date(
    Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hours ?? 0, minutes ?? 0, seconds ?? 0),
  );
}

export interface SignatureCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

/**
 * Recomputes the request's SigV4 signature with the secret key, over the headers it says it
 * signed, the path as sent and the exact body, with the Smithy signer the SDK itself uses, and
 * compares it with the one in `Authorization`. True when they match.
 */
export async function signatureMatches(
  request: RecordedRequest,
  credentials: SignatureCredentials,
): Promise<boolean> {
  const authorization = request.headers['authorization'] ?? '';
  const signedHeaders = /SignedHeaders=([a-z0-9;-]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
  const signingDate = parseAmzDate(request.headers['x-amz-date'] ?? '');
  const host = request.headers['host'] ?? '';
  if (!signature || !signingDate || !host) return false;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = request.headers[name] ?? '';
  const [path = '/', query = ''] = request.url.split('?');
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    region: credentials.region,
    service: 'bedrock',
    sha256: NodeSha256,
  });
  const [hostname = host, port] = host.split(':');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname,
      ...(port ? { port: Number(port) } : {}),
      path,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers,
      body: request.rawBody,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const recomputed = /Signature=([0-9a-f]{64})/.exec(
    String(signed.headers['authorization'] ?? ''),
  )?.[1];
  return recomputed === signature;
}
