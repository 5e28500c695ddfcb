import { BedrockRuntimeServiceException } from '@aws-sdk/client-bedrock-runtime';
import {
  AuthenticationError,
  ConfigurationError,
  InvalidResponseError,
  mapHttpError,
  ProviderUnavailableError,
  RateLimitError,
  redactSecrets,
  TimeoutError,
} from '@stratum/core';

/**
 * The HTTP status of each Bedrock runtime exception
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html and each
 * operation's Errors section). Exceptions inside a ConverseStream arrive on a 200 response, so
 * their name gives the status.
 */
const STATUS_OF: Readonly<Record<string, number>> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  ExpiredTokenException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ConflictException: 409,
  ModelErrorException: 424,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  ServiceQuotaExceededException: 429,
  InternalServerException: 500,
  ModelStreamErrorException: 500,
  ServiceUnavailableException: 503,
};

/** Names of the exceptions that mean the credentials themselves were refused. */
const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
]);

export interface BedrockErrorContext {
  model: string;
  region: string | undefined;
  secrets: readonly string[];
}

/**
 * Turns what the SDK throws into a Stratum error with the right retryability: throttling is a
 * retryable RateLimitError; a model still loading (ModelNotReadyException), a busy or failing
 * service and mid-stream model errors are retryable ProviderUnavailableErrors; a model timeout
 * is a TimeoutError; validation errors (context length included), refused credentials, denied
 * access and quota limits are not retryable. Missing credentials or region are
 * ConfigurationErrors naming what to set. No secret reaches a message.
 */
export function mapBedrockError(error: unknown, context: BedrockErrorContext): unknown {
  const scrub = (text: string) => redactSecrets(text, context.secrets);
  const where = { provider: 'bedrock', model: context.model, cause: error };
  if (!(error instanceof Error)) return error;
  if (error.name === 'AbortError') return error;
  if (error.name === 'CredentialsProviderError') {
    return new ConfigurationError(
      `No AWS credentials for Bedrock: ${scrub(error.message)} Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), pick a profile with AWS_PROFILE or createBedrock({ profile }), or pass createBedrock({ credentials }).`,
      where,
    );
  }
  if (/region is missing/i.test(error.message)) {
    return new ConfigurationError(
      'No AWS region for Bedrock: set AWS_REGION, a region in the profile, or createBedrock({ region: "us-east-1" }).',
      where,
    );
  }
  if (error instanceof BedrockRuntimeServiceException || error.name in STATUS_OF) {
    const status =
      STATUS_OF[error.name] ??
      (error instanceof BedrockRuntimeServiceException
        ? error.$metadata.httpStatusCode
        : undefined);
    const message = scrub(error.message);
    const said = `bedrock (${context.model}) said: ${message.replace(/\.$/, '')}`;
    const options = { ...where, status, vendorCode: error.name };
    switch (error.name) {
      case 'ModelNotReadyException':
        return new ProviderUnavailableError(
          `${said}. The model is not ready to serve yet; retry shortly.`,
          options,
        );
      case 'ServiceQuotaExceededException':
        return new RateLimitError(
          `${said}. The account's Bedrock quota is used up; request a quota increase in the Service Quotas console. Retrying will not help.`,
          { ...options, retryable: false },
        );
      case 'ModelTimeoutException':
        return new TimeoutError(
          `${said}. The model took too long; retry, or ask for less output.`,
          options,
        );
      case 'ModelErrorException':
      case 'ModelStreamErrorException':
        return new ProviderUnavailableError(
          `${said}. The model failed while answering; retry the call.`,
          options,
        );
    }
    if (CREDENTIAL_ERRORS.has(error.name)) {
      return new AuthenticationError(
        `${said}. Check the AWS access key, its secret and session token, and the region${context.region ? ` (${context.region})` : ''}.`,
        options,
      );
    }
    return mapHttpError({
      provider: 'bedrock',
      model: context.model,
      status,
      message,
      vendorCode: error.name,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError(
      `Bedrock sent a response that could not be read (${scrub(error.message)}). Retry the call.`,
      {
        ...where,
        retryable: true,
      },
    );
  }
  return new ProviderUnavailableError(
    `The call to Bedrock (${context.model}) failed: ${scrub(error.message)}. Check the network, the region and the endpoint, then retry.`,
    where,
  );
}
