import type { BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';

/** What the SDK takes as `credentials`: an identity, or a function that resolves one. */
type SdkCredentials = NonNullable<BedrockRuntimeClientConfig['credentials']>;

/** Explicit AWS credentials: an access key pair, with a session token for temporary ones. */
export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface BedrockCredentialSettings {
  region?: string;
  /** Explicit credentials, or a provider function (e.g. from `@aws-sdk/credential-providers`). */
  credentials?: BedrockCredentials | Exclude<SdkCredentials, BedrockCredentials>;
  /** A named profile of the shared config and credentials files (`~/.aws/config`). */
  profile?: string;
}

export interface BedrockClientCredentials {
  region: string | undefined;
  credentials: SdkCredentials | undefined;
  profile: string | undefined;
}

/**
 * What the SDK client is given. Without explicit credentials the SDK's default chain applies,
 * in its order: environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
 * the shared config and credentials files for `profile` (or `AWS_PROFILE`; also SSO and
 * `credential_process` profiles), web identity, then container and instance metadata
 * (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html).
 * The region comes from the setting, `AWS_REGION` / `AWS_DEFAULT_REGION`, else the profile.
 */
export function bedrockClientCredentials(
  settings: BedrockCredentialSettings,
): BedrockClientCredentials {
  return {
    region:
      settings.region ||
      process.env['AWS_REGION'] ||
      process.env['AWS_DEFAULT_REGION'] ||
      undefined,
    credentials: settings.credentials,
    profile: settings.profile,
  };
}

/** The secrets to scrub from anything that could reach a message or a log. */
export function knownSecrets(settings: BedrockCredentialSettings): string[] {
  const explicit = typeof settings.credentials === 'function' ? undefined : settings.credentials;
  return [
    explicit?.secretAccessKey,
    explicit?.sessionToken,
    process.env['AWS_SECRET_ACCESS_KEY'],
    process.env['AWS_SESSION_TOKEN'],
  ].filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
}
