/**
 * `@stratum/core/provider-kit`: the pieces every provider package needs and applications do
 * not: the API-key rule, the base settings, warning helpers, reset-header parsing. It is an
 * entry of core rather than its own package because it is tied to core's contract types and
 * errors, adds no dependency, and must move in lockstep with them; a separate entry keeps it
 * out of the application-facing `@stratum/core` namespace.
 */
export { NO_CAPABILITIES } from '../catalog/catalog-entry.js';
export { isRecord } from './is-record.js';
export { type LoadApiKeyOptions, loadApiKey, readApiKey } from './load-api-key.js';
export { parseResetDuration } from './parse-reset-duration.js';
export type { BaseProviderSettings } from './provider-settings.js';
export {
  noReasoningBudget,
  type ReasoningMapper,
  unsupportedSetting,
  unsupportedSettingWriter,
} from './unsupported-setting.js';
