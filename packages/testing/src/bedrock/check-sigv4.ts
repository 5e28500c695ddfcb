import type { RecordedRequest } from '../simulator/scenario.js';

/** What a signed request must carry for the simulator to accept it. */
export interface SigV4Expectation {
  accessKeyId: string;
  region: string;
  /** When set, `x-amz-security-token` must equal it (temporary credentials). */
  sessionToken?: string;
}

export interface SigV4Problem {
  name:
    | 'UnrecognizedClientException'
    | 'InvalidSignatureException'
    | 'MissingAuthenticationTokenException';
  message: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Checks that a request looks signed with Signature Version 4 for the expected key, region and
 * service (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
 * the `Authorization` header's shape, its credential scope, the signed headers including `host`
 * and `x-amz-date`, an `x-amz-date` of the scope's day, and the session token header. It does
 * not recompute the signature.
 */
export function checkSigV4(
  request: RecordedRequest,
  expected: SigV4Expectation,
): SigV4Problem | undefined {
  const header = request.headers['authorization'];
  if (!header) {
    return { name: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  }
  const match = AUTHORIZATION.exec(header);
  if (!match) {
    return {
      name: 'InvalidSignatureException',
      message:
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (AWS4-HMAC-SHA256).",
    };
  }
  const [, accessKeyId, day, region, service, signedHeaders] = match;
  if (accessKeyId !== expected.accessKeyId) {
    return {
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (region !== expected.region) {
    return {
      name: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region. (credential scope region: ${region}, expected ${expected.region})`,
    };
  }
  if (service !== 'bedrock') {
    return {
      name: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: 'bedrock'.`,
    };
  }
  const signed = (signedHeaders ?? '').split(';');
  const date = request.headers['x-amz-date'] ?? '';
  if (!signed.includes('host') || !signed.includes('x-amz-date') || !date.startsWith(day ?? '-')) {
    return {
      name: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided: host and x-amz-date must be signed and dated as the credential scope.',
    };
  }
  if (
    expected.sessionToken !== undefined &&
    request.headers['x-amz-security-token'] !== expected.sessionToken
  ) {
    return {
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  return undefined;
}
