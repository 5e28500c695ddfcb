import type { Warning } from '@stratum/core';

/** The warning for a request setting the Converse API has no field for. */
export function unsupportedSetting(setting: string, message: string): Warning {
  return { type: 'unsupported-setting', setting, message };
}
