/**
 * Bedrock runtime exceptions by HTTP status, with the messages the service sends
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors).
 * On the wire an error is `x-amzn-errortype: <Name>:…` plus `{"message": "…"}`; inside a
 * ConverseStream it is an exception frame whose `:exception-type` is the name in camelCase.
 */
const EXCEPTIONS: Readonly<Record<number, { name: string; message: string }>> = {
  400: {
    name: 'ValidationException',
    message: 'Malformed input request, please reformat your input and try again.',
  },
  403: {
    name: 'AccessDeniedException',
    message: "You don't have access to the model with the specified model ID.",
  },
  404: { name: 'ResourceNotFoundException', message: 'The provided model identifier is invalid.' },
  408: { name: 'ModelTimeoutException', message: 'Model has timed out in processing the request.' },
  424: {
    name: 'ModelErrorException',
    message: 'The model encountered an error processing the request.',
  },
  429: {
    name: 'ThrottlingException',
    message: 'Too many requests, please wait before trying again.',
  },
  500: { name: 'InternalServerException', message: 'The server encountered an internal error.' },
  503: {
    name: 'ServiceUnavailableException',
    message: 'Bedrock is unable to process your request.',
  },
};

/** The status each exception name comes with, for a step that names one. */
const STATUS_OF_NAME: Readonly<Record<string, number>> = {
  ModelNotReadyException: 429,
  ServiceQuotaExceededException: 400,
  ModelStreamErrorException: 424,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
};

export interface BedrockException {
  name: string;
  status: number;
  message: string;
}

/** The exception for a status, or the one a step names (`vendorCode: 'ModelNotReadyException'`). */
export function bedrockException(
  status: number,
  name?: string,
  message?: string,
): BedrockException {
  const known = EXCEPTIONS[status] ?? {
    name: status >= 500 ? 'InternalServerException' : 'ValidationException',
    message: `Request failed with status ${status}.`,
  };
  const chosen = name ?? known.name;
  return {
    name: chosen,
    status: name ? (STATUS_OF_NAME[name] ?? status) : status,
    message:
      message ??
      (name && name !== known.name ? `${name}: the request could not be served.` : known.message),
  };
}

/** The `:exception-type` of an exception frame: the name with a lower-case first letter. */
export function streamExceptionType(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
